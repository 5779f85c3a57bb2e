// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for lparctl/cgroup.c, against a fake cgroup root in a
 * temporary directory: paths, the cgroup2 check, reading and writing
 * values, "only if it reads otherwise", enabling controllers and the
 * error messages, which must name the file and the value.
 *
 * cgroup.c is lparctl's, not the library's, so it is built into this
 * test directly; it needs nothing from the rest of lparctl.
 */
#define _GNU_SOURCE		/* program_invocation_short_name */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lparctl/cgroup.c"
#include "tap.h"

/*
 * The fake root and scratch files, made by mkdtemp(): short, so that
 * paths under it fit PATH_MAX.
 */
static char tmp[256];

/* stderr, caught while a call under test prints its error. */
static struct {
	int	saved;
	char	path[PATH_MAX];
	char	text[1024];
} err_cap;

static void capture_start(void)
{
	int fd;

	snprintf(err_cap.path, sizeof(err_cap.path), "%s/stderr", tmp);
	fd = open(err_cap.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	fflush(stderr);
	err_cap.saved = dup(STDERR_FILENO);
	if (fd < 0 || err_cap.saved < 0 || dup2(fd, STDERR_FILENO) < 0) {
		perror("capture stderr");
		exit(2);
	}
	close(fd);
}

/* What was printed, without the program name and the last newline. */
static const char *capture_end(void)
{
	const char *p;
	size_t len;
	FILE *f;

	fflush(stderr);
	dup2(err_cap.saved, STDERR_FILENO);
	close(err_cap.saved);
	f = fopen(err_cap.path, "r");
	len = f ? fread(err_cap.text, 1, sizeof(err_cap.text) - 1, f) : 0;
	if (f)
		fclose(f);
	err_cap.text[len] = '\0';
	if (len && err_cap.text[len - 1] == '\n')
		err_cap.text[len - 1] = '\0';
	p = strstr(err_cap.text, ": ");
	return p && !strncmp(err_cap.text, program_invocation_short_name,
			     p - err_cap.text) ? p + 2 : err_cap.text;
}

static void put_file(const char *name, const char *text)
{
	char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmp, name);
	f = fopen(path, "w");
	if (!f || fputs(text, f) == EOF || fclose(f)) {
		perror(path);
		exit(2);
	}
}

/* The whole file, as is; valid until the next call. */
static const char *get_file(const char *name)
{
	static char buf[256];
	char path[PATH_MAX];
	size_t len;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmp, name);
	f = fopen(path, "r");
	if (!f)
		return NULL;
	len = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[len] = '\0';
	return buf;
}

static void test_paths(void)
{
	char buf[PATH_MAX], small[8];
	const char *msg;

	unsetenv(CG_ROOT_ENV);
	is_str(cg_root(), "/sys/fs/cgroup", "root defaults to /sys/fs/cgroup");
	setenv(CG_ROOT_ENV, "", 1);
	is_str(cg_root(), "/sys/fs/cgroup", "an empty LPAR_CGROUP_ROOT is unset");
	setenv(CG_ROOT_ENV, "/tmp/cg//", 1);
	is_str(cg_root(), "/tmp/cg", "trailing slashes are dropped");
	setenv(CG_ROOT_ENV, "/", 1);
	is_str(cg_root(), "/", "but / stays /");
	unsetenv(CG_ROOT_ENV);

	is_int(cg_path(buf, sizeof(buf), "/a/b", "c"), 0, "path join");
	is_str(buf, "/a/b/c", "path join result");
	cg_path(buf, sizeof(buf), "/", "lpar");
	is_str(buf, "/lpar", "no double slash after /");

	capture_start();
	is_int(cg_path(small, sizeof(small), "/abc", "defg"), -ENAMETOOLONG,
	       "a path that does not fit");
	msg = capture_end();
	is_str(msg, "/abc/defg: File name too long", "and its message");

	cg_slice_path(buf, sizeof(buf), "/sys/fs/cgroup", NULL);
	is_str(buf, "/sys/fs/cgroup/lpar", "the parent group");
	cg_slice_path(buf, sizeof(buf), "/sys/fs/cgroup", "web");
	is_str(buf, "/sys/fs/cgroup/lpar/web", "a slice's group");
}

/* A cgroup2 mount of this host, if it has one. */
static bool find_cgroup2(char *buf, size_t size)
{
	char dev[256], dir[PATH_MAX], type[64];
	bool found = false;
	FILE *f;

	f = fopen("/proc/self/mounts", "r");
	if (!f)
		return false;
	while (fscanf(f, "%255s %4095s %63s %*[^\n]", dev, dir, type) == 3) {
		if (!strcmp(type, "cgroup2")) {
			snprintf(buf, size, "%s", dir);
			found = true;
			break;
		}
	}
	fclose(f);
	return found;
}

static void test_check_root(void)
{
	char path[PATH_MAX], exp[PATH_MAX + 64];
	const char *msg;

	setenv(CG_ROOT_ENV, tmp, 1);
	capture_start();
	is_int(cg_check_root(tmp), -ENOTSUP, "a plain directory is no cgroup2");
	msg = capture_end();
	snprintf(exp, sizeof(exp), "cgroup root %s is not a cgroup v2 mount",
		 tmp);
	ok(!strncmp(msg, exp, strlen(exp)), "and it says so");
	if (strncmp(msg, exp, strlen(exp)))
		tap_diag_str("got", msg);
	ok(strstr(msg, "LPAR_CGROUP_ROOT is set"), "naming the variable");
	unsetenv(CG_ROOT_ENV);

	snprintf(path, sizeof(path), "%s/missing", tmp);
	capture_start();
	is_int(cg_check_root(path), -ENOENT, "a missing root");
	msg = capture_end();
	snprintf(exp, sizeof(exp), "cgroup root %s: No such file or directory",
		 path);
	is_str(msg, exp, "and its message");

	if (find_cgroup2(path, sizeof(path)))
		is_int(cg_check_root(path), 0, "%s is cgroup2", path);
	else
		tap_skip("no cgroup2 mount on this host");
}

static void test_read_write(void)
{
	char path[PATH_MAX], exp[PATH_MAX + 64], buf[8];
	const char *msg;

	snprintf(path, sizeof(path), "%s/value", tmp);
	put_file("value", "old contents\n");
	is_int(cg_write(path, "root"), 0, "write a value");
	is_str(get_file("value"), "root", "it replaces the file, no newline");

	put_file("value", "2-3\n\n");
	is_int(cg_read(path, buf, sizeof(buf)), 0, "read a value");
	is_str(buf, "2-3", "trailing newlines are dropped");

	put_file("value", "1234567\n");
	is_int(cg_read(path, buf, sizeof(buf)), 0, "a value that just fits");
	is_str(buf, "1234567", "is read whole");

	put_file("value", "1234567\n\n");
	is_int(cg_read(path, buf, sizeof(buf)), 0,
	       "a value whose newline does not fit");
	is_str(buf, "1234567", "is read whole too");

	put_file("value", "1234567 8\n");
	capture_start();
	is_int(cg_read(path, buf, sizeof(buf)), -EOVERFLOW,
	       "a value one byte too long");
	msg = capture_end();
	snprintf(exp, sizeof(exp), "cannot read %s: %s", path,
		 strerror(EOVERFLOW));
	is_str(msg, exp, "and its message");

	snprintf(path, sizeof(path), "%s/cpuset.cpus.partition", tmp);
	capture_start();
	is_int(cg_write(path, "root"), -ENOENT, "write to a missing file");
	msg = capture_end();
	snprintf(exp, sizeof(exp),
		 "cannot write 'root' to %s: No such file or directory", path);
	is_str(msg, exp, "says the value and the file");

	capture_start();
	is_int(cg_read(path, buf, sizeof(buf)), -ENOENT,
	       "read a missing file");
	msg = capture_end();
	snprintf(exp, sizeof(exp), "cannot read %s: No such file or directory",
		 path);
	is_str(msg, exp, "says the file");
}

static void test_set(void)
{
	put_file("cpuset.cpus", "0-3\n");
	is_int(cg_set(tmp, "cpuset.cpus", "0-3"), 0, "set what it reads");
	is_str(get_file("cpuset.cpus"), "0-3\n", "leaves the file alone");
	is_int(cg_set(tmp, "cpuset.cpus", "4-7"), 1, "set something else");
	is_str(get_file("cpuset.cpus"), "4-7", "writes it");

	put_file("cpuset.cpus.partition", "root invalid (Parent is not a partition root)\n");
	is_int(cg_set(tmp, "cpuset.cpus.partition", "root"), 1,
	       "'root invalid' is not 'root'");
}

static void test_enable(void)
{
	static const char * const want[] = { "cpuset", "memory", "cpu", NULL };
	char path[PATH_MAX];
	const char *msg;

	put_file("cgroup.subtree_control", "cpuset io memory cpu pids\n");
	is_int(cg_enable(tmp, want), 0, "all enabled: nothing to do");
	is_str(get_file("cgroup.subtree_control"), "cpuset io memory cpu pids\n",
	       "nothing written");

	/* A fake file keeps only the last write: one per controller. */
	put_file("cgroup.subtree_control", "cpuset io\n");
	is_int(cg_enable(tmp, want), 2, "two missing");
	is_str(get_file("cgroup.subtree_control"), "+cpu", "the last one written");

	put_file("cgroup.subtree_control", "cpuset memory\n");
	is_int(cg_enable(tmp, want), 1, "cpu is not cpuset");
	is_str(get_file("cgroup.subtree_control"), "+cpu", "+cpu written");

	put_file("cgroup.subtree_control", "cpuset cpu\n");
	is_int(cg_enable(tmp, want), 1, "memory, between two present");
	is_str(get_file("cgroup.subtree_control"), "+memory", "+memory written");

	put_file("cgroup.subtree_control", "");
	is_int(cg_enable(tmp, want), 3, "none enabled yet");

	snprintf(path, sizeof(path), "%s/cgroup.subtree_control", tmp);
	unlink(path);
	capture_start();
	ok(cg_enable(tmp, want) == -ENOENT, "no subtree_control at all");
	msg = capture_end();
	ok(strstr(msg, "cgroup.subtree_control: No such file or directory"),
	   "says which file");
}

static void test_dirs(void)
{
	char root[PATH_MAX], path[PATH_MAX], exp[PATH_MAX + 64];
	const char *msg;
	int fd;

	snprintf(root, sizeof(root), "%s/root", tmp);
	is_int(cg_mkdir(root), 1, "mkdir");
	is_int(cg_mkdir(root), 0, "mkdir of a directory that is there");
	cg_slice_path(path, sizeof(path), root, NULL);
	is_int(cg_mkdir(path), 1, "mkdir lpar");
	cg_slice_path(path, sizeof(path), root, "web");
	is_int(cg_mkdir(path), 1, "mkdir lpar/web");

	snprintf(path, sizeof(path), "%s/value", tmp);
	capture_start();
	is_int(cg_mkdir(path), -ENOTDIR, "mkdir where a file is");
	msg = capture_end();
	snprintf(exp, sizeof(exp), "cannot create %s: Not a directory", path);
	is_str(msg, exp, "and its message");

	fd = cg_open_slice(root, "web", path, sizeof(path));
	ok(fd >= 0, "open a slice's group");
	if (fd >= 0)
		close(fd);
	snprintf(exp, sizeof(exp), "%s/lpar/web", root);
	is_str(path, exp, "its path");

	capture_start();
	is_int(cg_open_slice(root, "db", path, sizeof(path)), -ENOENT,
	       "open a slice without a group");
	msg = capture_end();
	snprintf(exp, sizeof(exp), "slice db is not bound: run '%s bind db'",
		 program_invocation_short_name);
	is_str(msg, exp, "says to bind it");
}

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int main(void)
{
	int ret;

	snprintf(tmp, sizeof(tmp), "%s/test_cgroup.XXXXXX",
		 getenv("TMPDIR") ?: "/tmp");
	if (!mkdtemp(tmp)) {
		perror("mkdtemp");
		return 2;
	}
	test_paths();
	test_check_root();
	test_read_write();
	test_set();
	test_enable();
	test_dirs();
	ret = tap_done();
	nftw(tmp, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return ret;
}
