// SPDX-License-Identifier: GPL-2.0
/* Run a program without a shell; see run.h. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/run.h"

extern char **environ;

/* The child's stdin and stderr on /dev/null, its stdout on the pipe. */
static int sb_run_actions(posix_spawn_file_actions_t *fa, const int pipefd[2])
{
	if (posix_spawn_file_actions_init(fa))
		return -1;
	if (posix_spawn_file_actions_addopen(fa, 0, "/dev/null", O_RDONLY, 0) ||
	    posix_spawn_file_actions_addopen(fa, 2, "/dev/null", O_WRONLY, 0) ||
	    posix_spawn_file_actions_adddup2(fa, pipefd[1], 1)) {
		posix_spawn_file_actions_destroy(fa);
		return -1;
	}
	return 0;
}

/* Everything the pipe gives until EOF; the first outlen - 1 bytes kept. */
static void sb_run_drain(int fd, char *out, size_t outlen)
{
	size_t have = 0;
	char chunk[4096];
	ssize_t n;

	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		for (ssize_t i = 0; i < n && have + 1 < outlen; i++)
			out[have++] = chunk[i];
	}
	if (outlen)
		out[have] = '\0';
}

static int sb_run_wait(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int sb_run_capture(char *const argv[], char *out, size_t outlen)
{
	posix_spawn_file_actions_t fa;
	int pipefd[2], err;
	pid_t pid;

	if (outlen)
		*out = '\0';
	if (pipe2(pipefd, O_CLOEXEC))
		return -1;
	if (sb_run_actions(&fa, pipefd)) {
		close(pipefd[0]);
		close(pipefd[1]);
		errno = ENOMEM;
		return -1;
	}
	err = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	if (err) {
		close(pipefd[0]);
		errno = err;
		return -1;
	}
	sb_run_drain(pipefd[0], out, outlen);
	close(pipefd[0]);
	return sb_run_wait(pid);
}

int sb_run_logged(char *const argv[], const char *logfile)
{
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (!pid) {
		int fd = open(logfile, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execv(argv[0], argv);
		_exit(127);
	}
	return sb_run_wait(pid);
}
