# SPDX-License-Identifier: GPL-2.0
#
# Isolation by counting, for the tests and the demo: sourced, bash.

# sample_violations SECONDS CGROUP CPU: every 0.2 s, look at every thread
# that ran since the last look (its schedstat run time moved) and report a
# task of the slice's CGROUP seen off its CPU, or a user task outside the
# slice seen on it.
# The first look only takes the baseline: a thread's last CPU then may
# date from before the partition existed.
# Bash builtins only: a fork per thread per look would cost more, under
# TCG, than the window being sampled.
sample_violations() {
	local end=$((SECONDS + $1)) a_cg=$2 a_cpu=$3 st run wait pcount stat rest
	local -a f threads
	local -A seen inside
	local baseline=1 runs_in=0 runs_out=0
	while [ $SECONDS -lt $end ]; do
		inside=()
		mapfile -t threads < "$a_cg/cgroup.threads"
		for t in "${threads[@]}"; do
			inside[$t]=1
		done
		for st in /proc/[0-9]*/task/[0-9]*; do
			read -r run wait pcount < "$st/schedstat" 2>/dev/null || continue
			[ "${seen[$st]:-}" = "$run" ] && continue
			seen[$st]=$run
			[ $baseline = 1 ] && continue
			# stat: pid (comm) state ...: flags is field 9, cpu field 39
			read -r stat < "$st/stat" 2>/dev/null || continue
			rest=${stat##*) }
			read -r -a f <<< "$rest"
			if [ -n "${inside[${st##*/}]:-}" ]; then
				runs_in=$((runs_in + 1))
				[ "${f[36]}" = $a_cpu ] ||
					echo "slice task ${st##*/} ran on CPU ${f[36]}"
			elif [ $(( f[6] & 0x00200000 )) != 0 ]; then
				continue	# kernel threads: per-CPU ones belong there
			elif [ "${f[36]}" != $a_cpu ]; then
				runs_out=$((runs_out + 1))
			else
				echo "outside task ${st##*/} (${stat#*(}) ran on CPU $a_cpu"
			fi
		done
		baseline=0
		sleep 0.2
	done
	echo "sampled runs: inside $runs_in outside $runs_out"
}
