// SPDX-License-Identifier: GPL-2.0
/*
 * cgroupfs helpers: the cgroup2 root, paths of the slices' groups, and
 * reading and writing cgroupfs values with errors that say which file
 * and what value.  Conventions in cgroup.h.
 */
#define _GNU_SOURCE		/* program_invocation_short_name */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <linux/magic.h>

#include "lib/compiler.h"
#include "lib/msg.h"
#include "cgroup.h"

/* "<prog>: <what>: <strerror>", for an @err < 0; returns @err. */
static int __printf(2, 3) cg_err(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	msg_verr(err, fmt, ap);
	va_end(ap);
	return err;
}

/* A second line that says what an error means here. */
static void __printf(1, 2) cg_hint(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", program_invocation_short_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

const char *cg_root(void)
{
	static char buf[PATH_MAX];
	const char *env = getenv(CG_ROOT_ENV);
	size_t len;

	if (!env || !*env)
		return CG_DEFAULT_ROOT;
	len = strlen(env);
	if (len >= sizeof(buf))
		return env;	/* cg_path() will say it is too long */
	memcpy(buf, env, len + 1);
	while (len > 1 && buf[len - 1] == '/')
		buf[--len] = '\0';
	return buf;
}

int cg_check_root(const char *root)
{
	struct statfs st;

	if (statfs(root, &st))
		return cg_err(-errno, "cgroup root %s", root);
	if (st.f_type == CGROUP2_SUPER_MAGIC)
		return 0;
	fprintf(stderr,
		"%s: cgroup root %s is not a cgroup v2 mount (filesystem type %#lx)\n",
		program_invocation_short_name, root, (unsigned long)st.f_type);
	if (getenv(CG_ROOT_ENV) && *getenv(CG_ROOT_ENV))
		cg_hint("%s is set: point it at a cgroup2 mount", CG_ROOT_ENV);
	else
		cg_hint("cgroup v2 must be mounted at %s (systemd.unified_cgroup_hierarchy=1)",
			CG_DEFAULT_ROOT);
	return -ENOTSUP;
}

int cg_path(char *buf, size_t size, const char *dir, const char *name)
{
	size_t len = strlen(dir);
	const char *sep = len && dir[len - 1] == '/' ? "" : "/";
	int n;

	n = snprintf(buf, size, "%s%s%s", dir, sep, name);
	if (n < 0 || (size_t)n >= size)
		return cg_err(-ENAMETOOLONG, "%s%s%s", dir, sep, name);
	return 0;
}

int cg_slice_path(char *buf, size_t size, const char *root,
		  const char *slice)
{
	char lpar[PATH_MAX];
	int ret;

	if (!slice)
		return cg_path(buf, size, root, CG_LPAR_DIR);
	ret = cg_path(lpar, sizeof(lpar), root, CG_LPAR_DIR);
	return ret ?: cg_path(buf, size, lpar, slice);
}

int cg_read(const char *path, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n;
	char extra;
	int fd, ret = 0;

	if (!size)
		return -EINVAL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return cg_err(-errno, "cannot read %s", path);
	/* seq_file may hand a value out in pieces: read to the end. */
	while (len < size - 1) {
		n = read(fd, buf + len, size - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ret = cg_err(-errno, "cannot read %s", path);
			goto out;
		}
		if (!n)
			break;
		len += n;
	}
	/* Full: what is left may only be the newline. */
	while (len == size - 1 && (n = read(fd, &extra, 1)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ret = cg_err(-errno, "cannot read %s", path);
			goto out;
		}
		if (!isspace((unsigned char)extra)) {
			ret = cg_err(-EOVERFLOW, "cannot read %s", path);
			goto out;
		}
	}
	while (len && isspace((unsigned char)buf[len - 1]))
		len--;
	buf[len] = '\0';
out:
	close(fd);
	return ret;
}

int cg_write(const char *path, const char *val)
{
	size_t len = strlen(val);
	ssize_t n;
	int fd, ret = 0;

	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return cg_err(-errno, "cannot write '%s' to %s", val, path);
	/* cgroupfs takes a value in one write; a short one is an error. */
	n = write(fd, val, len);
	if (n < 0)
		ret = -errno;
	else if ((size_t)n != len)
		ret = -EIO;
	if (close(fd) && !ret)
		ret = -errno;
	if (ret)
		cg_err(ret, "cannot write '%s' to %s", val, path);
	return ret;
}

int cg_set(const char *dir, const char *file, const char *val)
{
	char path[PATH_MAX];
	char *cur;
	int ret;

	ret = cg_path(path, sizeof(path), dir, file);
	if (ret)
		return ret;
	cur = malloc(CG_VALUE_MAX);
	if (!cur)
		return cg_err(-ENOMEM, "cannot read %s", path);
	ret = cg_read(path, cur, CG_VALUE_MAX);
	if (!ret && strcmp(cur, val))
		ret = cg_write(path, val) ?: 1;
	free(cur);
	return ret;
}

/* Is @word one of the space-separated words of @list? */
static bool has_word(const char *list, const char *word)
{
	size_t len = strlen(word);
	const char *p = list;

	while ((p = strstr(p, word))) {
		if ((p == list || p[-1] == ' ') && (!p[len] || p[len] == ' '))
			return true;
		p += len;
	}
	return false;
}

int cg_enable(const char *dir, const char * const *ctrls)
{
	char path[PATH_MAX], cur[4096], val[64];
	const char * const *c;
	int ret, n = 0;

	ret = cg_path(path, sizeof(path), dir, "cgroup.subtree_control");
	if (ret)
		return ret;
	ret = cg_read(path, cur, sizeof(cur));
	if (ret)
		return ret;
	for (c = ctrls; *c; c++) {
		if (has_word(cur, *c))
			continue;
		snprintf(val, sizeof(val), "+%s", *c);
		ret = cg_write(path, val);
		switch (ret) {
		case 0:
			n++;
			continue;
		case -ENOENT:
			cg_hint("%s is not in %s/cgroup.controllers (held by cgroup v1?)",
				*c, dir);
			break;
		case -EBUSY:
			cg_hint("%s has tasks: only groups without tasks hand controllers down",
				dir);
			break;
		case -EINVAL:
			cg_hint("this kernel has no %s controller, or it is disabled",
				*c);
			break;
		}
		return ret;
	}
	return n;
}

int cg_mkdir(const char *dir)
{
	struct stat st;

	if (!mkdir(dir, 0755))
		return 1;
	if (errno != EEXIST)
		return cg_err(-errno, "cannot create %s", dir);
	if (stat(dir, &st))
		return cg_err(-errno, "cannot create %s", dir);
	if (!S_ISDIR(st.st_mode))
		return cg_err(-ENOTDIR, "cannot create %s", dir);
	return 0;
}

int cg_open_slice(const char *root, const char *name, char *path,
		  size_t size)
{
	int fd, ret;

	ret = cg_slice_path(path, size, root, name);
	if (ret)
		return ret;
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0)
		return fd;
	if (errno == ENOENT) {
		fprintf(stderr,
			"%s: slice %s is not bound: run '%s bind %s'\n",
			program_invocation_short_name, name,
			program_invocation_short_name, name);
		return -ENOENT;
	}
	return cg_err(-errno, "cannot open %s", path);
}
