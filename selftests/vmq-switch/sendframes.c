// SPDX-License-Identifier: GPL-2.0
/*
 * sendframes IFACE DST SRC COUNT [VLAN]: send COUNT minimum-size Ethernet
 * frames from IFACE to DST, from SRC, tagged with VLAN if given, with the
 * local experimental EtherType 88b5 so that no protocol answers them. The
 * switch's counters are then checked against COUNT.
 */
#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define ETH_P_EXPERIMENTAL	0x88b5

static int parse_mac(const char *s, unsigned char *mac)
{
	return sscanf(s, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &mac[0], &mac[1],
		      &mac[2], &mac[3], &mac[4], &mac[5]) == 6 ? 0 : -1;
}

int main(int argc, char **argv)
{
	unsigned char frame[64] = { 0 };
	struct sockaddr_ll sll = { 0 };
	unsigned long count, i;
	size_t off = 12;
	int fd, vlan = -1;

	if (argc < 5 || argc > 6) {
		fprintf(stderr, "usage: %s IFACE DST SRC COUNT [VLAN]\n",
			argv[0]);
		return 2;
	}
	if (parse_mac(argv[2], frame) || parse_mac(argv[3], frame + 6)) {
		fprintf(stderr, "%s: bad MAC\n", argv[0]);
		return 2;
	}
	count = strtoul(argv[4], NULL, 0);
	if (argc == 6)
		vlan = atoi(argv[5]);
	if (vlan >= 0) {
		frame[off++] = 0x81;
		frame[off++] = 0x00;
		frame[off++] = (vlan >> 8) & 0x0f;
		frame[off++] = vlan & 0xff;
	}
	frame[off++] = ETH_P_EXPERIMENTAL >> 8;
	frame[off++] = ETH_P_EXPERIMENTAL & 0xff;

	fd = socket(AF_PACKET, SOCK_RAW, 0);
	if (fd < 0) {
		perror("socket");
		return 1;
	}
	sll.sll_family = AF_PACKET;
	sll.sll_ifindex = if_nametoindex(argv[1]);
	sll.sll_halen = ETH_ALEN;
	memcpy(sll.sll_addr, frame, ETH_ALEN);
	if (!sll.sll_ifindex) {
		fprintf(stderr, "%s: no interface %s\n", argv[0], argv[1]);
		return 1;
	}
	for (i = 0; i < count; i++) {
		if (sendto(fd, frame, 60, 0, (struct sockaddr *)&sll,
			   sizeof(sll)) != 60) {
			perror("sendto");
			return 1;
		}
	}
	close(fd);
	return 0;
}
