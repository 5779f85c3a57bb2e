#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Bochs lane: nested VMX with hardware VMCS shadowing. Bochs emulates a
# Skylake-X with VMX and VMCS shadowing, so the stock Debian kernel runs
# kvm_intel with nested=1 and enable_shadow_vmcs=Y inside it, and KVM
# selftests run L2 guests under it. Everything the guest needs goes into
# its initramfs, booted from an isolinux ISO. One Bochs is single-threaded.
#
#   bochs-lane.sh [-v|-d] [-o OUTDIR] [-s SCRIPT]... [TEST...]
#
# With no TEST and no SCRIPT: the upstream nested selftests
# (bochs-upstream.list) and ours (selftests/kvm-shadow/nested/*_test*; a
# *_test.c is a KVM selftest built on the same source's library). A TEST
# is a path to one of ours or an upstream name such as
# x86_64/state_test; a .c TEST not named *_test.c is a program built on
# that library for a test or script to run (it lands beside its source's
# path in /lane), not a test itself; selftests/kvm-shadow/bench/*.c always
# come that way. -s runs a script whose output is
# shown as is (demo, bench), -v streams the guest console, -d only what
# the guest runner prints.
#
# The guest runs kvm-shadow's kvm-intel.ko (kvm-shadow/build-kvm-intel.sh)
# on the stock kvm.ko when it can be built here, the stock kvm-intel.ko
# otherwise; KVM_INTEL=stock forces the stock one (to compare runs).

set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=$BUILD/bochs
verbose=0
scripts=()
while getopts "vdo:s:" opt; do
	case $opt in
	v) verbose=1 ;;
	d) verbose=2 ;;
	o) out=$OPTARG ;;
	s) scripts+=("$(realpath "$OPTARG")") ;;
	*) sed -n '10,10s/^# //p' "$0"; exit 2 ;;
	esac
done
shift $((OPTIND - 1))

upstream=()
ours=()
ours_c=()
helpers_c=()
if [ $# -gt 0 ] || [ ${#scripts[@]} -gt 0 ]; then
	for t in "$@"; do
		case $t in
		*_test.c) ours_c+=("$(realpath "$t")") ;;
		*.c) helpers_c+=("$(realpath "$t")") ;;
		*) if [ -x "$t" ]; then ours+=("$(realpath "$t")"); else upstream+=("$t"); fi ;;
		esac
	done
else
	mapfile -t upstream < <(grep -v '^#' "$LANES_DIR/bochs-upstream.list" | grep .)
	mapfile -t ours < <(find "$TOP/selftests/kvm-shadow/nested" -type f \
				-perm -u+x -name '*_test*' 2>/dev/null | sort)
	mapfile -t ours_c < <(find "$TOP/selftests/kvm-shadow/nested" -type f \
				-name '*_test.c' 2>/dev/null | sort)
fi

# The programs tests and benchmarks run (l1_pattern...) always come.
for c in "$TOP"/selftests/kvm-shadow/bench/*.c; do
	case " ${helpers_c[*]} " in
	*" $c "*) ;;
	*) helpers_c+=("$c") ;;
	esac
done

stock_kernel
make -C "$TOP" -s modules >/dev/null
mkdir -p "$out"
out=$(cd "$out" && pwd)
src=$("$LANES_DIR/kernel-source.sh" "$BUILD/src")
[ $((${#upstream[@]} + ${#ours_c[@]} + ${#helpers_c[@]})) -eq 0 ] ||
	"$LANES_DIR/kvm-selftests.sh" "$src" "$BUILD/kvm-selftests" \
		"${upstream[@]}" "${ours_c[@]}" "${helpers_c[@]}"

# Ours is built with its checks (version match, W=1 on our files) or,
# without a matching source, not at all; -a makes that a note.
ours_ko=
if [ "${KVM_INTEL:-ours}" != stock ]; then
	ours_ko=$("$TOP/kvm-shadow/build-kvm-intel.sh" -a -q)
fi

# The initramfs: busybox, stock KVM, the runner, the tests.
root=$out/initramfs
initramfs_new "$root"
initramfs_add_modules "$root" kvm_intel
# Both kvm-intel.ko stay in the image, for tests that swap them; the one
# loaded at boot is named in etc/lane-kvm-intel for the tests to check.
mkdir -p "$root/lib/kvm-intel"
cp "$root/lib/modules/kvm-intel.ko" "$root/lib/kvm-intel/stock.ko"
if [ -n "$ours_ko" ]; then
	# Debug info would make the image 8 MB larger and Bochs' boot slower.
	strip --strip-debug -o "$root/lib/kvm-intel/ours.ko" "$ours_ko"
	cp "$root/lib/kvm-intel/ours.ko" "$root/lib/modules/kvm-intel.ko"
	echo "ours $(modinfo -F kvm_shadow "$ours_ko")" > "$root/etc/lane-kvm-intel"
	echo "# bochs lane: kvm_intel is kvm-shadow's ($ours_ko)"
else
	echo stock > "$root/etc/lane-kvm-intel"
	echo "# bochs lane: kvm_intel is the stock one"
fi
sed -i 's/^kvm-intel\.ko$/kvm-intel.ko nested=1/' "$root/etc/modules.order"
lane=$root/lane
mkdir -p "$lane/selftests/lanes" "$lane/selftests/lib" "$lane/modules"
install -m 0755 "$LANES_DIR/bochs-init.sh" "$root/init"
install -m 0755 "$LANES_DIR/guest.sh" "$lane/selftests/lanes/"
cp "$TOP/selftests/lib/"*.sh "$lane/selftests/lib/"
# kvmshadowctl and vm_hold for kvmshadowctl_test.sh, static and stripped:
# the image has no libc or libnl. (glibc's static-link notes about NSS
# calls in libnl, which kvmshadowctl never makes, are not shown.)
mkdir -p "$lane/bin"
# shellcheck disable=SC2046
cc -static -s -O2 -std=gnu11 -I "$TOP/tools" -I "$TOP/uapi" \
	$(pkg-config --cflags libnl-genl-3.0) -o "$lane/bin/kvmshadowctl" \
	"$TOP"/tools/kvmshadowctl/*.c "$TOP/tools/lib/genl.c" "$TOP/tools/lib/json.c" \
	"$TOP/tools/lib/msg.c" \
	$(pkg-config --static --libs libnl-genl-3.0) > "$out/kvmshadowctl.log" 2>&1 ||
	{ cat "$out/kvmshadowctl.log" >&2; exit 1; }
cc -static -s -O2 -o "$lane/bin/vm_hold" "$TOP/selftests/kvm-shadow/helpers/vm_hold.c"
tests=()
for t in "${upstream[@]}"; do
	mkdir -p "$lane/selftests/kvm/$(dirname "$t")"
	cp "$BUILD/kvm-selftests/$t" "$lane/selftests/kvm/$t"
	tests+=("/lane/selftests/kvm/$t")
done
[ ! -d "$lane/selftests/kvm/x86_64" ] || echo "timeout=600" > "$lane/selftests/kvm/x86_64/settings"
for t in "${ours[@]}"; do
	rel=${t#"$TOP"/}
	mkdir -p "$lane/$(dirname "$rel")"
	cp -r "$(dirname "$t")/." "$lane/$(dirname "$rel")/"
	tests+=("/lane/$rel")
done
for c in "${ours_c[@]}" "${helpers_c[@]}"; do
	rel=${c#"$TOP"/}
	rel=${rel%.c}
	mkdir -p "$lane/$(dirname "$rel")"
	cp "$BUILD/kvm-selftests/kvm-shadow/$(basename "$rel")" "$lane/$rel"
	[ ! -f "$(dirname "$c")/settings" ] || cp "$(dirname "$c")/settings" "$lane/$(dirname "$rel")/"
	case $c in *_test.c) tests+=("/lane/$rel") ;; esac
done
lane_scripts=()
for s in "${scripts[@]}"; do
	rel=${s#"$TOP"/}
	mkdir -p "$lane/$(dirname "$rel")"
	cp -r "$(dirname "$s")/." "$lane/$(dirname "$rel")/"
	lane_scripts+=("/lane/$rel")
done
modules=()
for ko in "$TOP"/kvm-shadow/*.ko; do
	cp "$ko" "$lane/modules/"
	modules+=("/lane/modules/$(basename "$ko")")
done
cat > "$lane/job" <<JOB
LANE_TOP=/lane
LANE_MODULES='${modules[*]}'
LANE_TESTS='${tests[*]}'
LANE_SCRIPTS='${lane_scripts[*]}'
LANE_SETTLE=2
JOB
# Benchmarks' knobs (BENCH_ROUNDS=...) reach the guest's scripts.
for v in ${!BENCH_@}; do
	echo "export $v='${!v}'"
done >> "$lane/job"
initramfs_pack "$root" "$out/initrd.gz"

# An isolinux CD, as Bochs' BIOS boots it. ips/1000 is the TSC rate the
# kernel must be told, or its clocks run ~146x off on this CPU model.
# noxsave: Bochs 2.7's Skylake-X reports an XSAVE area size (CPUID 0xd)
# that does not add up; 6.1 WARNs at boot ("XSAVE consistency problem")
# and then disables XSAVE itself. Disabling it up front gives the same
# kernel without the emulator-made warning, which would fail every run.
ips=50000000
iso=$out/iso
rm -rf "$iso"
mkdir -p "$iso/isolinux"
cp /usr/lib/ISOLINUX/isolinux.bin /usr/lib/syslinux/modules/bios/ldlinux.c32 "$iso/isolinux/"
cp "$VMLINUZ" "$iso/vmlinuz"
cp "$out/initrd.gz" "$iso/initrd.gz"
cat > "$iso/isolinux/isolinux.cfg" <<CFG
default lane
prompt 0
label lane
  kernel /vmlinuz
  append initrd=/initrd.gz console=ttyS0,115200 tsc_early_khz=$((ips / 1000)) noxsave panic=0 quiet
CFG
xorriso -as mkisofs -quiet -o "$out/lane.iso" -b isolinux/isolinux.bin \
	-c isolinux/boot.cat -no-emul-boot -boot-load-size 4 -boot-info-table "$iso" 2>/dev/null

cat > "$out/bochsrc" <<RC
cpu: model=corei7_skylake_x, count=1, ips=$ips, ignore_bad_msrs=1
memory: guest=1024, host=1024
romimage: file=/usr/share/bochs/BIOS-bochs-latest
vgaromimage: file=/usr/share/vgabios/vgabios.bin
ata0: enabled=1, ioaddr1=0x1f0, ioaddr2=0x3f0, irq=14
ata0-master: type=cdrom, path=lane.iso, status=inserted
boot: cdrom
clock: sync=none
com1: enabled=1, mode=file, dev=console.log
display_library: rfb, options="timeout=0, hideIPS"
log: bochs.log
speaker: enabled=0
sound: driver=dummy
# The guest probes MSRs Bochs lacks; an "error" line per access would
# grow the log by megabytes. Panics still end Bochs.
info: action=ignore
error: action=ignore
debug: action=ignore
RC
echo c > "$out/bochs.cmds"

# Bochs ends on a guest poweroff with a PANIC and rc=1, and reboots on a
# kernel panic: watch the console for the runner's end marker or a dead
# kernel instead of trusting its exit.
: > "$out/console.log"
start=$SECONDS
(cd "$out" && exec bochs-bin -q -f bochsrc -rc bochs.cmds </dev/null >bochs.out 2>&1) &
bochs=$!
if [ $verbose -eq 1 ]; then
	tail -f --pid=$bochs "$out/console.log" & tailer=$!
elif [ $verbose -eq 2 ]; then
	tail -f --pid=$bochs "$out/console.log" | awk -v b="$MARK_BEGIN" -v e="$MARK_DMESG_BEGIN" '
		{ sub(/\r$/, "") } $0 == e { on = 0 } on && !/^\[ *[0-9]+\.[0-9]+\]/ { print; fflush() } $0 == b { on = 1 }' &
	tailer=$!
fi
deadline=$((SECONDS + ${LANE_TIMEOUT:-1500}))
while kill -0 $bochs 2>/dev/null; do
	if grep -aqE "^$MARK_END|Kernel panic|end Kernel panic" "$out/console.log" ||
	   [ $SECONDS -ge $deadline ]; then
		sleep 3
		kill $bochs 2>/dev/null || true
		break
	fi
	sleep 2
done
wait $bochs 2>/dev/null || true
# tail follows Bochs out, the last lines shown.
[ $verbose -eq 0 ] || wait "$tailer" 2>/dev/null || true
echo "# bochs lane: guest ran $((SECONDS - start)) s"
lane_judge bochs "$out/console.log" "$out/results.tap"
