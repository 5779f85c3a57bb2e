// SPDX-License-Identifier: GPL-2.0
/*
 * Map guest RAM the way a VMM does and touch every page once, as a guest
 * booting would, timing the mmap() and the touching and counting the page
 * faults (getrusage(): minor and major, of this process) each one takes.
 *
 *   pool_touch pool BYTES DEVICE   shared mapping of a slice's pool
 *                                  (/dev/lpar/<slice>), as QEMU's
 *                                  memory-backend-file,share=on does
 *   pool_touch anon BYTES          private anonymous memory, as QEMU's
 *                                  memory-backend-ram (THP as the
 *                                  system's policy says)
 *   pool_touch anon-nothp BYTES    the same with MADV_NOHUGEPAGE: 4 KiB
 *                                  pages only
 *   pool_touch anon-populate BYTES anonymous with MAP_POPULATE, faulted
 *                                  in by mmap() itself (QEMU's prealloc)
 *
 * Prints one line:
 *   map_us=N touch_us=N map_faults=N touch_faults=N
 * where faults are minor plus major faults.
 */

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

static long faults(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt + ru.ru_majflt;
}

static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

static int bad_args(void)
{
	fprintf(stderr,
		"usage: pool_touch pool BYTES DEVICE | anon|anon-nothp|anon-populate BYTES\n");
	return 2;
}

int main(int argc, char **argv)
{
	int prot = PROT_READ | PROT_WRITE, flags, fd = -1;
	size_t page = sysconf(_SC_PAGESIZE), bytes, off;
	long long t0, t1, t2;
	long f0, f1, f2;
	const char *mode;
	char *p;
	void *q;

	if (argc < 3)
		return bad_args();
	mode = argv[1];
	bytes = strtoull(argv[2], NULL, 0);
	if (!bytes)
		return bad_args();

	if (!strcmp(mode, "pool")) {
		if (argc != 4)
			return bad_args();
		fd = open(argv[3], O_RDWR);
		if (fd < 0) {
			perror(argv[3]);
			return 1;
		}
		flags = MAP_SHARED;
	} else if (!strcmp(mode, "anon") || !strcmp(mode, "anon-nothp")) {
		flags = MAP_PRIVATE | MAP_ANONYMOUS;
	} else if (!strcmp(mode, "anon-populate")) {
		flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE;
	} else {
		return bad_args();
	}

	f0 = faults();
	t0 = now_us();
	q = mmap(NULL, bytes, prot, flags, fd, 0);
	if (q == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	if (!strcmp(mode, "anon-nothp") && madvise(q, bytes, MADV_NOHUGEPAGE)) {
		perror("madvise");
		return 1;
	}
	t1 = now_us();
	f1 = faults();

	p = q;
	for (off = 0; off < bytes; off += page)
		p[off] = 1;
	/* the stores must happen here, not be dropped or moved */
	asm volatile("" : : "r" (p) : "memory");
	t2 = now_us();
	f2 = faults();

	printf("map_us=%lld touch_us=%lld map_faults=%ld touch_faults=%ld\n",
	       t1 - t0, t2 - t1, f1 - f0, f2 - f1);
	return 0;
}
