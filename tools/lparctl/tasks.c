// SPDX-License-Identifier: GPL-2.0
/*
 * Putting tasks into a bound slice's group: lparctl exec starts a
 * command there with clone3(CLONE_INTO_CGROUP), so that it is confined
 * from its first instruction; lparctl move moves a running process.
 * Both need only cgroupfs, not the module.
 */
#define _GNU_SOURCE		/* program_invocation_short_name */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/sched.h>	/* struct clone_args, CLONE_INTO_CGROUP */

#include "lib/opts.h"
#include "cgroup.h"
#include "lparctl.h"

/*
 * The command's pid, for the signal handler; set before the handler is
 * installed, and never changed while it is.
 */
static pid_t child_pid;

/* Stopping lparctl stops the command, instead of orphaning it. */
static void forward_signal(int sig)
{
	if (child_pid > 0)
		kill(child_pid, sig);
}

static void start_hint(int err, const char *path)
{
	const char *prog = program_invocation_short_name;

	/* Before 5.3 clone3() is missing, and strerror() says so. */
	if (err == -E2BIG)
		fprintf(stderr,
			"%s: this kernel has no clone3() with CLONE_INTO_CGROUP (Linux 5.7 or later)\n",
			prog);
	else if (err == -EBUSY)
		fprintf(stderr,
			"%s: %s hands controllers down to child groups, so it may not hold tasks itself\n",
			prog, path);
}

/*
 * Run @cmd in the cgroup open at @fd (@path) and wait for it, as a shell
 * would: its exit status, or 128 + the signal that killed it.
 */
static int run_in_cgroup(int fd, const char *path, char **cmd)
{
	struct clone_args args = {
		.flags		= CLONE_INTO_CGROUP,
		.exit_signal	= SIGCHLD,
		.cgroup		= (unsigned int)fd,
	};
	struct sigaction ign = { .sa_handler = SIG_IGN };
	struct sigaction fwd = {
		.sa_handler	= forward_signal,
		.sa_flags	= SA_RESTART,
	};
	struct sigaction old_int, old_quit, old_term, old_hup;
	int status, err;
	pid_t pid;

	/*
	 * As system(3) does: ^C and ^\ reach the whole foreground group,
	 * so the command gets them and decides; we wait for its status.
	 */
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);

	pid = (pid_t)syscall(SYS_clone3, &args, sizeof(args));
	if (!pid) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		execvp(cmd[0], cmd);
		fprintf(stderr, "%s: exec %s: %s\n",
			program_invocation_short_name, cmd[0], strerror(errno));
		_exit(127);
	}
	err = -errno;
	if (pid < 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		fail(err, "start %s in %s", cmd[0], path);
		start_hint(err, path);
		return LPARCTL_EXIT_ERR;
	}

	child_pid = pid;
	sigaction(SIGTERM, &fwd, &old_term);
	sigaction(SIGHUP, &fwd, &old_hup);
	err = 0;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			err = -errno;
			break;
		}
	}
	sigaction(SIGHUP, &old_hup, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	sigaction(SIGINT, &old_int, NULL);

	if (err)
		return fail(err, "wait for %s", cmd[0]);
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return LPARCTL_EXIT_ERR;
}

int cmd_exec(const struct lparctl_opts *opts, int argc, char **argv)
{
	const char *root = cg_root();
	char path[PATH_MAX];
	int i = 2, fd, ret;

	(void)opts;
	if (argc < 2)
		return usage_error(argv[0], "which slice?");
	if (!check_name(argv[1]))
		return LPARCTL_EXIT_USAGE;
	if (i < argc && !strcmp(argv[i], "--"))
		i++;
	else if (i < argc && argv[i][0] == '-')
		return usage_error(argv[0],
				   "unknown option '%s' (put '--' before a command that starts with '-')",
				   argv[i]);
	if (i == argc)
		return usage_error(argv[0], "no command given");

	if (cg_check_root(root))
		return LPARCTL_EXIT_ERR;
	fd = cg_open_slice(root, argv[1], path, sizeof(path));
	if (fd < 0)
		return LPARCTL_EXIT_ERR;
	ret = run_in_cgroup(fd, path, argv + i);
	close(fd);
	return ret;
}

int cmd_move(const struct lparctl_opts *opts, int argc, char **argv)
{
	const char *root = cg_root();
	char path[PATH_MAX], procs[PATH_MAX], val[16];
	uint32_t pid;
	int fd;

	(void)opts;
	if (argc < 3)
		return usage_error(argv[0], "move needs a slice and a PID");
	if (argc > 3)
		return usage_error(argv[0], "unknown argument '%s'", argv[3]);
	if (!check_name(argv[1]))
		return LPARCTL_EXIT_USAGE;
	if (parse_u32("PID", argv[2], 1, INT_MAX, &pid))
		return LPARCTL_EXIT_USAGE;

	if (cg_check_root(root))
		return LPARCTL_EXIT_ERR;
	/* Says "not bound" if the group is missing. */
	fd = cg_open_slice(root, argv[1], path, sizeof(path));
	if (fd < 0)
		return LPARCTL_EXIT_ERR;
	close(fd);
	if (cg_path(procs, sizeof(procs), path, "cgroup.procs"))
		return LPARCTL_EXIT_ERR;
	snprintf(val, sizeof(val), "%u", pid);
	return cg_write(procs, val) ? LPARCTL_EXIT_ERR : 0;
}
