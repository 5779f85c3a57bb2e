# SPDX-License-Identifier: GPL-2.0
#
# Host-side helpers shared by the QEMU and Bochs lanes: the stock kernel,
# initramfs assembly, and judging a guest's console log. Sourced, not run.

LANES_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=$(cd "$LANES_DIR/../.." && pwd)
BUILD=${BUILD:-$TOP/build}

# Markers the guest runner prints; the host trusts nothing else.
MARK_BEGIN="LANE: begin"
MARK_END="LANE: end"
MARK_DMESG_BEGIN="LANE: dmesg begin"
MARK_DMESG_END="LANE: dmesg end"

lane_die() { echo "lane: $*" >&2; exit 1; }

# Sets STOCK (unpacked image dir), KVER and VMLINUZ.
stock_kernel() {
	STOCK=$("$LANES_DIR/stock-kernel.sh" image "$BUILD/stock") || exit 1
	STOCK=$(cd "$STOCK" && pwd)
	KVER=$(basename "$STOCK")
	VMLINUZ=$STOCK/boot/vmlinuz-$KVER
}

# initramfs_new DIR: a staging tree with a static busybox.
initramfs_new() {
	local d=$1
	rm -rf "$d"
	mkdir -p "$d"/{bin,dev,proc,sys,tmp,run,newroot,etc,lib/modules}
	cp /bin/busybox "$d/bin/busybox"
	file -L "$d/bin/busybox" 2>/dev/null | grep -q 'statically linked' ||
		ldd "$d/bin/busybox" 2>&1 | grep -q 'not a dynamic' ||
		lane_die "busybox is not static: install busybox-static"
	: > "$d/etc/modules.order"
}

# initramfs_add_modules DIR MODULE...: copy stock modules with their
# dependencies, recording the insmod order in DIR/etc/modules.order.
initramfs_add_modules() {
	local d=$1 m ko
	shift
	for m in "$@"; do
		modprobe -d "$STOCK" -S "$KVER" --show-depends "$m" |
			awk '$1 == "insmod" { print $2 }' |
		while read -r ko; do
			grep -qxF "$(basename "$ko")" "$d/etc/modules.order" && continue
			cp "$ko" "$d/lib/modules/"
			basename "$ko" >> "$d/etc/modules.order"
		done
		[ "${PIPESTATUS[0]}" -eq 0 ] || lane_die "no module $m in $KVER"
	done
}

# initramfs_pack DIR OUT
initramfs_pack() {
	(cd "$1" && find . -print0 | cpio --null -o -H newc --quiet) |
		gzip -1 > "$2"
}

# Kernel log lines that fail a run, whatever the tests said.
KERNEL_BAD_RE='cut here|WARNING: CPU:|WARNING: (possible|inconsistent|suspicious|bad unlock)|BUG:|kernel BUG at|Oops|general protection fault|Kernel panic|soft lockup|hard LOCKUP|self-detected stall|detected stalls|refcount_t:|list_(add|del) corruption|UBSAN:|KASAN:|unreferenced object|blocked for more than|Call Trace:|unregister_netdevice: waiting for'

# kernel_log_problems FILE...: print the offending lines, if any. The
# stack an OOM kill's report dumps (right after "invoked oom-killer") is
# no kernel bug: tests provoke OOMs in cgroups on purpose.
kernel_log_problems() {
	LC_ALL=C awk -v re="$KERNEL_BAD_RE" '
		FNR == 1 { oom = -100 }
		/invoked oom-killer:/ { oom = FNR }
		$0 ~ re {
			if ($0 ~ /Call Trace:/ && FNR - oom <= 4)
				next
			print
		}' "$@" | sort -u
}

# lane_failed_output LANE CONSOLE_LOG RESULTS: print what each failed
# guest test printed (the runner frames it as "# NAME" ... "not ok N NAME"),
# so a CI log says why, not only what.
lane_failed_output() {
	local lane=$1 log=$2 name
	sed -n "s/^not ok $lane: //p" "$3" | while read -r name; do
		sed -e 's/\r$//' "$log" | awk -v n="$name" '
			$0 == "# " n { on = 1; buf = "" }
			on { buf = buf $0 "\n" }
			on && $0 ~ /^(not )?ok [0-9]+ / && substr($0, index($0, n)) == n {
				printf "%s", buf; on = 0 }' | tail -n 60
	done
}

# lane_judge NAME CONSOLE_LOG RESULTS: turn a guest console log into
# TAP lines in RESULTS (one per test, prefixed with the lane's name),
# adding failures for a guest that did not finish or whose kernel log is
# not clean. Prints the results; returns non-zero on any failure.
lane_judge() {
	local lane=$1 log=$2 out=$3 dmesg=${3%.tap}.dmesg rc=0 bad
	sed -e 's/\r$//' "$log" | awk -v b="$MARK_DMESG_BEGIN" -v e="$MARK_DMESG_END" '
		$0 == e { on = 0 } on { print } $0 == b { on = 1 }' > "$dmesg"
	{ sed -e 's/\r$//' "$log" | grep -aE '^(not )?ok [0-9]+ ' || true; } |
		sed -E "s/^((not )?ok) [0-9]+ /\\1 $lane: /" > "$out"
	if ! grep -aqxF "$MARK_END" <(sed -e 's/\r$//' "$log"); then
		echo "not ok $lane: guest finished (no end marker, see $log)" >> "$out"
		rc=1
	fi
	# The console holds what a dying kernel printed; dmesg the rest.
	bad=$(kernel_log_problems "$dmesg" "$log")
	if [ -z "$bad" ]; then
		echo "ok $lane: kernel log clean" >> "$out"
	else
		echo "not ok $lane: kernel log clean" >> "$out"
		echo "$bad" | head -n 20 | sed 's/^/# /' >> "$out"
		rc=1
	fi
	grep -q '^not ok' "$out" && rc=1
	cat "$out"
	return $rc
}
