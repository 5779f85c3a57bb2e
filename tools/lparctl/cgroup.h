/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The cgroup v2 side of lparctl: where the hierarchy is, and reading and
 * writing its files with errors that name the file and the value.
 *
 * Slices live in <root>/lpar/<name>, <root> being the cgroup2 mount
 * (CG_DEFAULT_ROOT, or $CG_ROOT_ENV for tests).  The module never writes
 * cgroupfs: lparctl sets the groups up and then tells it which one a
 * slice is bound to.
 *
 * Error convention: functions return 0 (or a non-negative value) on
 * success and a negative errno on failure, having already printed
 * "<prog>: <what>: <strerror>" to stderr, since only they know the path
 * and the value.  Nothing here depends on the netlink side, so the unit
 * tests can use it as it is.
 */
#ifndef LPARCTL_CGROUP_H
#define LPARCTL_CGROUP_H

#include <stdbool.h>
#include <stddef.h>

#define CG_DEFAULT_ROOT		"/sys/fs/cgroup"
#define CG_ROOT_ENV		"LPAR_CGROUP_ROOT"
#define CG_LPAR_DIR		"lpar"

/* cgroupfs values (cpulists, controller lists) fit; longer is an error. */
#define CG_VALUE_MAX		32768

/*
 * The cgroup2 mount: $LPAR_CGROUP_ROOT if set and not empty, else
 * /sys/fs/cgroup; trailing slashes dropped.  Not checked: see
 * cg_check_root().
 */
const char *cg_root(void);

/* Is @root a cgroup v2 mount?  0, or -ENOTSUP/-errno after saying why. */
int cg_check_root(const char *root);

/* "@dir/@name" into @buf; -ENAMETOOLONG (said) if it does not fit. */
int cg_path(char *buf, size_t size, const char *dir, const char *name);

/* <root>/lpar if @slice is NULL, else <root>/lpar/<slice>. */
int cg_slice_path(char *buf, size_t size, const char *root,
		  const char *slice);

/*
 * Read a small file (a cgroupfs or sysfs value) whole into @buf, with
 * trailing whitespace removed.  -EOVERFLOW if it does not fit.
 */
int cg_read(const char *path, char *buf, size_t size);

/*
 * Write @val to @path in one write(), as cgroupfs wants it; the error
 * says "cannot write '<val>' to <path>: <strerror>".
 */
int cg_write(const char *path, const char *val);

/*
 * Make @dir/@file read @val: read it, and write @val only if it reads
 * something else.  Returns 0 if it already did, 1 if written.
 */
int cg_set(const char *dir, const char *file, const char *val);

/*
 * Enable each controller of the NULL-terminated @ctrls in
 * @dir/cgroup.subtree_control that is not enabled yet, one write each so
 * that an error names the controller.  Returns the number enabled.
 */
int cg_enable(const char *dir, const char * const *ctrls);

/* mkdir @dir unless it is a directory already; 1 if made, 0 if there. */
int cg_mkdir(const char *dir);

/*
 * Open slice @name's group, <root>/lpar/<name>, as O_DIRECTORY for
 * clone3() or LPAR_CMD_SLICE_BIND, its path in @path.  Returns the fd;
 * a missing group is reported as a slice that is not bound.
 */
int cg_open_slice(const char *root, const char *name, char *path,
		  size_t size);

#endif /* LPARCTL_CGROUP_H */
