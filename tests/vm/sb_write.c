// SPDX-License-Identifier: GPL-2.0
/*
 * sb-write - the guest's way to write a debugfs file and learn the errno.
 *
 *   sb-write [-a MS] [-o OFFSET] [-b] [-f INFILE] FILE [TEXT]
 *
 * Writes TEXT (or the whole of INFILE) to FILE in ONE write() call, so the
 * module sees exactly the write the test means (a shell's echo may split or
 * merge writes, and reports errors only as text). Prints one line:
 *   "ret=<bytes> errno=0" or "ret=-1 errno=<EINVAL|EBUSY|EINTR|...>"
 * and exits 0 on success, 1 when the write failed, 2 on a usage error.
 *
 * -a MS arms a SIGALRM after MS milliseconds whose handler does nothing and
 * is installed without SA_RESTART: a run blocked in write() sees a signal
 * it survives, so the -EINTR it returns reaches us (a fatal signal would
 * kill us before we could look).
 *
 * -o OFFSET writes with pwrite() at OFFSET instead (the second block of a
 * text split over several writes). -b writes strlen(TEXT) bytes from an
 * address that is not mapped, for -EFAULT.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

static const char *errname(int e)
{
	switch (e) {
	case 0: return "0";
	case EINVAL: return "EINVAL";
	case EBUSY: return "EBUSY";
	case EINTR: return "EINTR";
	case EPERM: return "EPERM";
	case EACCES: return "EACCES";
	case ENODATA: return "ENODATA";
	case ENOMEM: return "ENOMEM";
	case EFAULT: return "EFAULT";
	case E2BIG: return "E2BIG";
	case ENOSPC: return "ENOSPC";
	case EIO: return "EIO";
	case ENOENT: return "ENOENT";
	case ENODEV: return "ENODEV";
	case EAGAIN: return "EAGAIN";
	case ERANGE: return "ERANGE";
	}
	return "OTHER";
}

static void on_alarm(int sig)
{
	(void)sig;
}

static char *slurp(const char *path, size_t *len)
{
	struct stat st;
	char *buf;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || fstat(fd, &st)) {
		perror(path);
		exit(2);
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf || read(fd, buf, (size_t)st.st_size) != st.st_size) {
		fprintf(stderr, "sb-write: cannot read %s\n", path);
		exit(2);
	}
	close(fd);
	*len = (size_t)st.st_size;
	return buf;
}

int main(int argc, char **argv)
{
	const char *infile = NULL;
	char *text;
	size_t len;
	long ms = 0, off = -1;
	ssize_t ret;
	int opt, fd, err, bad = 0;

	while ((opt = getopt(argc, argv, "a:bo:f:")) != -1) {
		switch (opt) {
		case 'a':
			ms = strtol(optarg, NULL, 10);
			if (ms <= 0) {
				fprintf(stderr, "sb-write: -a wants MS > 0\n");
				return 2;
			}
			break;
		case 'f':
			infile = optarg;
			break;
		case 'o':
			off = strtol(optarg, NULL, 10);
			if (off < 0) {
				fprintf(stderr, "sb-write: -o wants OFFSET >= 0\n");
				return 2;
			}
			break;
		case 'b':
			bad = 1;
			break;
		default:
			goto usage;
		}
	}
	if (optind >= argc || (!infile && optind + 2 != argc) ||
	    (infile && optind + 1 != argc))
		goto usage;
	if (infile) {
		text = slurp(infile, &len);
	} else {
		text = argv[optind + 1];
		len = strlen(text);
	}
	fd = open(argv[optind], O_WRONLY);
	if (fd < 0) {
		printf("ret=-1 errno=%s (open)\n", errname(errno));
		return 1;
	}
	if (ms) {
		struct sigaction sa;
		struct itimerval it;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_alarm;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGALRM, &sa, NULL);
		memset(&it, 0, sizeof(it));
		it.it_value.tv_sec = ms / 1000;
		it.it_value.tv_usec = (ms % 1000) * 1000;
		setitimer(ITIMER_REAL, &it, NULL);
	}
	/* Page 0 is never mapped: the kernel's copy from it faults. */
	if (bad)
		text = (char *)16;
	if (off >= 0)
		ret = pwrite(fd, text, len, off);
	else
		ret = write(fd, text, len);
	err = ret < 0 ? errno : 0;
	close(fd);
	printf("ret=%zd errno=%s\n", ret, errname(err));
	return ret < 0 ? 1 : 0;
usage:
	fprintf(stderr,
		"usage: sb-write [-a MS] [-o OFFSET] [-b] [-f INFILE] FILE [TEXT]\n");
	return 2;
}
