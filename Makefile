# SPDX-License-Identifier: GPL-2.0
#
# Build, install and test the suite.
#
#   make               build the modules against KDIR (and kvm-shadow's
#                      kvm-intel.ko when the matching kernel source is there)
#   make kvm-intel     build kvm-intel.ko from the distro kernel source and
#                      kvm-shadow's patches; refuse a version mismatch
#   make tools         build the libnl command-line tools
#   make install       install modules under /lib/modules/<ver>/updates, depmod
#   make check         build with W=1, then run every test lane (installs
#                      what it needs on Debian 12)
#   make demo          boot the stock kernel in QEMU and show the suite at work
#   make bench         run the benchmarks in a guest, write build/bench.md
#
# KDIR defaults to the running kernel's build directory; where there is
# none (a build host, CI), to the headers of Debian 12's stock kernel, which
# are installed on demand.

LANEDIR := $(CURDIR)/selftests/lanes

ifndef KDIR
KDIR := $(wildcard /lib/modules/$(shell uname -r)/build)
endif

# Resolve KDIR inside recipes, so that only targets that need it pay for
# (and may install) the stock headers.
resolve_kdir = kdir='$(KDIR)'; \
	[ -n "$$kdir" ] || kdir=$$($(LANEDIR)/stock-kernel.sh headers) || exit 1

.PHONY: all modules kvm-intel tools install modules_install tools_install \
	clean check demo bench help

all: modules

# Distro headers ship no vmlinux to take BTF base types from: say so once
# here instead of once per module.
no_btf = $$([ -f "$$kdir/vmlinux" ] || echo CONFIG_DEBUG_INFO_BTF_MODULES=)

# kvm-intel.ko is built from the distro's kernel source, not from this
# tree: make modules builds it when that source of the right version is
# installed (-a), make kvm-intel insists.
KVM_INTEL := $(CURDIR)/kvm-shadow/build-kvm-intel.sh

modules:
	@$(resolve_kdir); $(MAKE) -C "$$kdir" M=$(CURDIR) $(no_btf) modules && \
	KDIR="$$kdir" $(KVM_INTEL) -a

kvm-intel:
	@$(resolve_kdir); KDIR="$$kdir" $(KVM_INTEL)

tools:
	$(MAKE) -C tools

# INSTALL_MOD_PATH stages the install under another root, as in Kbuild.
modules_install: modules
	@$(resolve_kdir); \
	$(MAKE) -C "$$kdir" M=$(CURDIR) INSTALL_MOD_DIR=updates modules_install && \
	KDIR="$$kdir" INSTALL_MOD_PATH='$(INSTALL_MOD_PATH)' $(KVM_INTEL) -a -i && \
	depmod -a $(if $(INSTALL_MOD_PATH),-b "$(INSTALL_MOD_PATH)") \
		"$$(sed -n 's/^#define UTS_RELEASE "\(.*\)"$$/\1/p' \
			"$$kdir/include/generated/utsrelease.h")"

tools_install: tools
	$(MAKE) -C tools install

install: modules_install tools_install

# Kbuild's clean of M=$(CURDIR) would delete every *.ko below it, the
# fetched stock kernel's modules in build/ included: clean module
# directories one by one.
MODULE_DIRS := lpar-cgroup vmq-switch kvm-shadow

clean:
	@$(resolve_kdir); for d in $(MODULE_DIRS); do \
		$(MAKE) -C "$$kdir" M=$(CURDIR)/$$d clean || exit 1; done
	rm -f Module.symvers modules.order .*.cmd
	rm -rf build/kvm-intel
	$(MAKE) -C tools clean
	$(MAKE) -C selftests clean

check:
	@$(LANEDIR)/check.sh

demo:
	@$(LANEDIR)/demo.sh

bench:
	@$(LANEDIR)/bench.sh

help:
	@sed -n '3,18s/^# \{0,1\}//p' Makefile
