# SPDX-License-Identifier: GPL-2.0
#
# lparctl: the command-line tool of the lpar-cgroup module.
#
# <linux/lpar.h> must be this tree's uapi header, never an older copy
# installed on the build machine: -I directories are searched before the
# system ones, so ../uapi wins over /usr/include.

lparctl-cflags	:= -I../uapi
