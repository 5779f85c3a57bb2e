// SPDX-License-Identifier: GPL-2.0
/*
 * Map a slice's memory pool the way QEMU maps guest RAM, and check what a
 * guest RAM user needs from it: shared mappings only, no mapping past the
 * pool, every page present from the start (no page faults), and data that
 * stays put. Holds the mapping until its standard input closes, so a test
 * can act on a slice while its memory is in use, then checks the data
 * again.
 *
 *   pool_map DEVICE BYTES
 *
 * Prints "mapped faults=<minor faults while touching every page>". Each
 * line "check" on its standard input reads every page back and prints
 * "present faults=<minor faults>" (0: nothing was taken away meanwhile);
 * each line "gup" has the kernel take every page by get_user_pages(), as
 * KVM does for guest RAM (vmsplice() into a pipe), reads them back
 * through the pipe and prints "gup pages=<pages that matched>"; at the
 * end, "verified". Exits non-zero on any failure.
 */

#define _GNU_SOURCE		/* vmsplice() */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/uio.h>
#include <unistd.h>

static long minor_faults(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

/*
 * vmsplice() makes the kernel get_user_pages() each page into the pipe,
 * without copying; reading the pipe gives that page's data back.
 */
static long gup_pages(unsigned long *p, size_t bytes, size_t page)
{
	unsigned long buf[512];
	long same = 0;
	size_t off;
	int fds[2];

	if (pipe(fds) || page > sizeof(buf))
		return -1;
	for (off = 0; off < bytes; off += page) {
		struct iovec iov = { (char *)p + off, page };

		if (vmsplice(fds[1], &iov, 1, 0) != (ssize_t)page ||
		    read(fds[0], buf, page) != (ssize_t)page) {
			perror("vmsplice");
			break;
		}
		if (!memcmp(buf, (char *)p + off, page) &&
		    buf[0] == ~(off / sizeof(*p)))
			same++;
	}
	close(fds[0]);
	close(fds[1]);
	return same;
}

static int check(unsigned long *p, size_t words, size_t page_words)
{
	size_t i;

	for (i = 0; i < words; i += page_words)
		if (p[i] != ~i) {
			fprintf(stderr, "word %zu: %lx, expected %lx\n",
				i, p[i], ~i);
			return -1;
		}
	return 0;
}

int main(int argc, char **argv)
{
	size_t page = sysconf(_SC_PAGESIZE), bytes, words, i;
	unsigned long *p;
	long before;
	char line[16];
	void *q;
	int fd;

	if (argc != 3) {
		fprintf(stderr, "usage: pool_map DEVICE BYTES\n");
		return 2;
	}
	bytes = strtoull(argv[2], NULL, 0);
	fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}

	q = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (q != MAP_FAILED || errno != EINVAL) {
		fprintf(stderr, "MAP_PRIVATE: not refused with EINVAL\n");
		return 1;
	}
	q = mmap(NULL, bytes + page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (q != MAP_FAILED || errno != ENXIO) {
		fprintf(stderr, "mapping past the pool: not refused with ENXIO\n");
		return 1;
	}

	p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	words = bytes / sizeof(*p);
	before = minor_faults();
	for (i = 0; i < words; i += page / sizeof(*p))
		if (p[i] != 0) {
			fprintf(stderr, "page at %zu not zeroed\n", i * sizeof(*p));
			return 1;
		}
	for (i = 0; i < words; i += page / sizeof(*p))
		p[i] = ~i;
	printf("mapped faults=%ld\n", minor_faults() - before);
	fflush(stdout);

	while (fgets(line, sizeof(line), stdin)) {
		if (!strcmp(line, "gup\n")) {
			printf("gup pages=%ld\n", gup_pages(p, bytes, page));
			fflush(stdout);
			continue;
		}
		if (strcmp(line, "check\n"))
			continue;
		before = minor_faults();
		if (check(p, words, page / sizeof(*p)))
			return 1;
		printf("present faults=%ld\n", minor_faults() - before);
		fflush(stdout);
	}
	if (check(p, words, page / sizeof(*p)))
		return 1;
	printf("verified\n");
	return 0;
}
