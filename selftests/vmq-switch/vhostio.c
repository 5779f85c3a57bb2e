// SPDX-License-Identifier: GPL-2.0
/*
 * vhostio: a vmqtap port's character device as the backend of vhost-net,
 * the way QEMU wires a VM's virtio-net to it: this program plays the
 * guest, with split virtqueues in its own memory, and the kernel's
 * vhost-net worker moves frames between them and the port.
 *
 *   vhostio DEV rx DST COUNT MS    post receive buffers, until COUNT
 *                                  frames for DST came or MS milliseconds
 *                                  passed without one; print how many came
 *                                  for DST, and others
 *   vhostio DEV tx DST SRC COUNT   transmit COUNT minimum-size frames;
 *                                  print how many vhost-net consumed
 *
 * Frames carry a virtio-net header, as the tap's default; no feature is
 * negotiated (a legacy device), so vhost-net passes headers through.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/vhost.h>
#include <linux/virtio_net.h>
#include <linux/virtio_ring.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define ETH_P_EXPERIMENTAL	0x88b5
#define HDR			sizeof(struct virtio_net_hdr)
#define QSIZE			64
#define BUF_SIZE		2048
#define GUEST_BASE		0x100000ULL	/* "guest physical" of mem */
#define RX			0
#define TX			1

/* One virtqueue: its rings and buffers, all in the guest memory. */
struct vq {
	struct vring_desc	*desc;
	struct vring_avail	*avail;
	struct vring_used	*used;
	uint8_t			*bufs;
	uint16_t		avail_idx, last_used;
	int			kick, call;
};

static uint8_t *mem;
static size_t mem_size;

static uint64_t gpa(const void *p)
{
	return GUEST_BASE + ((const uint8_t *)p - mem);
}

static int parse_mac(const char *s, unsigned char *mac)
{
	return sscanf(s, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &mac[0], &mac[1],
		      &mac[2], &mac[3], &mac[4], &mac[5]) == 6 ? 0 : -1;
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

/* Lay out queue @i's rings and buffers in mem, and hand them to vhost. */
static void vq_setup(int vhost, int i, struct vq *q)
{
	uint8_t *base = mem + i * (mem_size / 2);
	struct vhost_vring_state state = { .index = i };
	struct vhost_vring_addr addr = { .index = i };
	struct vhost_vring_file file = { .index = i };

	q->desc = (struct vring_desc *)base;
	q->avail = (struct vring_avail *)(base + 16 * QSIZE);
	q->used = (struct vring_used *)(base + 4096);
	q->bufs = base + 8192;
	q->kick = eventfd(0, EFD_NONBLOCK);
	q->call = eventfd(0, EFD_NONBLOCK);
	if (q->kick < 0 || q->call < 0)
		die("eventfd");

	state.num = QSIZE;
	if (ioctl(vhost, VHOST_SET_VRING_NUM, &state))
		die("VHOST_SET_VRING_NUM");
	state.num = 0;
	if (ioctl(vhost, VHOST_SET_VRING_BASE, &state))
		die("VHOST_SET_VRING_BASE");
	addr.desc_user_addr = (uintptr_t)q->desc;
	addr.avail_user_addr = (uintptr_t)q->avail;
	addr.used_user_addr = (uintptr_t)q->used;
	if (ioctl(vhost, VHOST_SET_VRING_ADDR, &addr))
		die("VHOST_SET_VRING_ADDR");
	file.fd = q->kick;
	if (ioctl(vhost, VHOST_SET_VRING_KICK, &file))
		die("VHOST_SET_VRING_KICK");
	file.fd = q->call;
	if (ioctl(vhost, VHOST_SET_VRING_CALL, &file))
		die("VHOST_SET_VRING_CALL");
}

/* Offer buffer @id (of @len bytes, device-writable or not). */
static void vq_post(struct vq *q, uint16_t id, uint32_t len, bool writable)
{
	q->desc[id].addr = gpa(q->bufs + (size_t)id * BUF_SIZE);
	q->desc[id].len = len;
	q->desc[id].flags = writable ? VRING_DESC_F_WRITE : 0;
	q->desc[id].next = 0;
	q->avail->ring[q->avail_idx % QSIZE] = id;
	__atomic_store_n(&q->avail->idx, ++q->avail_idx, __ATOMIC_RELEASE);
}

static void vq_kick(struct vq *q)
{
	uint64_t one = 1;

	if (write(q->kick, &one, sizeof(one)) != sizeof(one))
		die("kick");
}

/* Wait up to @ms for vhost to use a buffer; false on timeout. */
static bool vq_wait(struct vq *q, int ms)
{
	struct pollfd pfd = { .fd = q->call, .events = POLLIN };
	uint64_t n;

	while (__atomic_load_n(&q->used->idx, __ATOMIC_ACQUIRE) == q->last_used) {
		if (poll(&pfd, 1, ms) <= 0)
			return false;
		if (read(q->call, &n, sizeof(n)) < 0 && errno != EAGAIN)
			die("call");
	}
	return true;
}

static int do_rx(struct vq *q, char **argv)
{
	unsigned long count = strtoul(argv[1], NULL, 0), mine = 0, others = 0;
	int ms = atoi(argv[2]);
	unsigned char dst[6];
	uint16_t i;

	if (parse_mac(argv[0], dst)) {
		fprintf(stderr, "vhostio: bad MAC\n");
		return 2;
	}
	for (i = 0; i < QSIZE; i++)
		vq_post(q, i, BUF_SIZE, true);
	vq_kick(q);
	/* Ready: the caller may send now. */
	printf("ready\n");
	fflush(stdout);
	while (mine < count && vq_wait(q, ms)) {
		while (q->last_used != __atomic_load_n(&q->used->idx, __ATOMIC_ACQUIRE)) {
			struct vring_used_elem *e = &q->used->ring[q->last_used++ % QSIZE];
			uint8_t *frame = q->bufs + (size_t)e->id * BUF_SIZE + HDR;

			if (e->len >= HDR + 14 && !memcmp(frame, dst, 6))
				mine++;
			else
				others++;
			vq_post(q, e->id, BUF_SIZE, true);
		}
		vq_kick(q);
	}
	printf("%lu %lu\n", mine, others);
	return 0;
}

static int do_tx(struct vq *q, char **argv)
{
	unsigned long count = strtoul(argv[2], NULL, 0), sent = 0, done = 0;
	uint16_t id;

	while (done < count) {
		/* Keep the ring full, then collect what vhost used. */
		while (sent < count && sent - done < QSIZE) {
			uint8_t *buf;

			id = sent % QSIZE;
			buf = q->bufs + (size_t)id * BUF_SIZE;
			memset(buf, 0, HDR + 60);
			if (parse_mac(argv[0], buf + HDR) ||
			    parse_mac(argv[1], buf + HDR + 6)) {
				fprintf(stderr, "vhostio: bad MAC\n");
				return 2;
			}
			buf[HDR + 12] = ETH_P_EXPERIMENTAL >> 8;
			buf[HDR + 13] = ETH_P_EXPERIMENTAL & 0xff;
			vq_post(q, id, HDR + 60, false);
			sent++;
		}
		vq_kick(q);
		if (!vq_wait(q, 3000))
			break;
		while (q->last_used != __atomic_load_n(&q->used->idx, __ATOMIC_ACQUIRE)) {
			q->last_used++;
			done++;
		}
	}
	printf("%lu\n", done);
	return 0;
}

int main(int argc, char **argv)
{
	struct vhost_memory *table;
	struct vhost_vring_file backend;
	struct vq q[2];
	uint64_t features = 0;
	int vhost, tap, i;

	if (argc < 4 || (strcmp(argv[2], "rx") && strcmp(argv[2], "tx")) ||
	    (!strcmp(argv[2], "rx") && argc != 6) ||
	    (!strcmp(argv[2], "tx") && argc != 6)) {
		fprintf(stderr, "usage: vhostio DEV rx DST COUNT MS | DEV tx DST SRC COUNT\n");
		return 2;
	}
	tap = open(argv[1], O_RDWR);
	if (tap < 0)
		die(argv[1]);
	vhost = open("/dev/vhost-net", O_RDWR);
	if (vhost < 0)
		die("/dev/vhost-net");
	if (ioctl(vhost, VHOST_SET_OWNER, NULL))
		die("VHOST_SET_OWNER");
	if (ioctl(vhost, VHOST_SET_FEATURES, &features))
		die("VHOST_SET_FEATURES");

	/* Two queues' rings and buffers, as one region of guest memory. */
	mem_size = 2 * (8192 + QSIZE * BUF_SIZE);
	mem = mmap(NULL, mem_size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (mem == MAP_FAILED)
		die("mmap");
	memset(mem, 0, mem_size);
	table = calloc(1, sizeof(*table) + sizeof(table->regions[0]));
	if (!table)
		die("calloc");
	table->nregions = 1;
	table->regions[0].guest_phys_addr = GUEST_BASE;
	table->regions[0].memory_size = mem_size;
	table->regions[0].userspace_addr = (uintptr_t)mem;
	if (ioctl(vhost, VHOST_SET_MEM_TABLE, table))
		die("VHOST_SET_MEM_TABLE");

	for (i = RX; i <= TX; i++) {
		memset(&q[i], 0, sizeof(q[i]));
		vq_setup(vhost, i, &q[i]);
		backend.index = i;
		backend.fd = tap;
		/* ENOTSOCK here: the device is not a tap vhost-net knows. */
		if (ioctl(vhost, VHOST_NET_SET_BACKEND, &backend))
			die("VHOST_NET_SET_BACKEND");
	}
	return !strcmp(argv[2], "rx") ? do_rx(&q[RX], argv + 3) :
					do_tx(&q[TX], argv + 3);
}
