// SPDX-License-Identifier: GPL-2.0
/*
 * tapio: a vmqtap port's character device, as QEMU uses it (a virtio-net
 * header before every frame, the tap's default):
 *
 *   tapio DEV send DST SRC COUNT   write COUNT minimum-size frames
 *   tapio DEV recv DST COUNT MS    read until COUNT frames for DST came or
 *                                  MS milliseconds passed without one;
 *                                  print how many came for DST, and others
 *   tapio DEV hold SECONDS         keep it open SECONDS (while the port
 *                                  goes away, say), then write a frame;
 *                                  print what the write returned
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/virtio_net.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ETH_P_EXPERIMENTAL	0x88b5
#define HDR			sizeof(struct virtio_net_hdr)

static int parse_mac(const char *s, unsigned char *mac)
{
	return sscanf(s, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &mac[0], &mac[1],
		      &mac[2], &mac[3], &mac[4], &mac[5]) == 6 ? 0 : -1;
}

static int do_send(int fd, char **argv)
{
	unsigned char buf[HDR + 60] = { 0 };
	unsigned char *frame = buf + HDR;
	unsigned long count, i;

	if (parse_mac(argv[0], frame) || parse_mac(argv[1], frame + 6)) {
		fprintf(stderr, "tapio: bad MAC\n");
		return 2;
	}
	frame[12] = ETH_P_EXPERIMENTAL >> 8;
	frame[13] = ETH_P_EXPERIMENTAL & 0xff;
	count = strtoul(argv[2], NULL, 0);
	for (i = 0; i < count; i++) {
		if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf)) {
			perror("tapio: write");
			return 1;
		}
	}
	return 0;
}

static int do_recv(int fd, char **argv)
{
	unsigned long want = strtoul(argv[1], NULL, 0), mine = 0, others = 0;
	int ms = atoi(argv[2]);
	unsigned char dst[6], buf[65536];
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	ssize_t n;

	if (parse_mac(argv[0], dst)) {
		fprintf(stderr, "tapio: bad MAC\n");
		return 2;
	}
	while (mine < want && poll(&pfd, 1, ms) > 0) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0) {
			perror("tapio: read");
			return 1;
		}
		if ((size_t)n < HDR + 14)
			continue;
		if (!memcmp(buf + HDR, dst, 6))
			mine++;
		else
			others++;
	}
	printf("%lu %lu\n", mine, others);
	return 0;
}

static int do_hold(int fd, char **argv)
{
	unsigned char buf[HDR + 60] = { 0 };
	ssize_t n;

	sleep(atoi(argv[0]));
	memset(buf + HDR, 0xff, 6);
	n = write(fd, buf, sizeof(buf));
	if (n < 0)
		printf("write: %s\n", strerror(errno));
	else
		printf("write: %zd\n", n);
	return 0;
}

int main(int argc, char **argv)
{
	int fd, ret;

	if (argc < 3 ||
	    !((!strcmp(argv[2], "send") && argc == 6) ||
	      (!strcmp(argv[2], "recv") && argc == 6) ||
	      (!strcmp(argv[2], "hold") && argc == 4))) {
		fprintf(stderr,
			"usage: tapio DEV send DST SRC COUNT | recv DST COUNT MS | hold SECONDS\n");
		return 2;
	}
	fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	if (!strcmp(argv[2], "send"))
		ret = do_send(fd, argv + 3);
	else if (!strcmp(argv[2], "recv"))
		ret = do_recv(fd, argv + 3);
	else
		ret = do_hold(fd, argv + 3);
	close(fd);
	return ret;
}
