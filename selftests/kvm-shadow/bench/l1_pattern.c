// SPDX-License-Identifier: GPL-2.0
/*
 * l1_pattern: an L1 hypervisor with a chosen VMCS access pattern, for
 * kvm-shadow's benchmark and demo (Bochs lane).
 *
 *   l1_pattern [-p kvm-like|foreign] [-w WARMUP] [-n ROUNDS] [-s STEPS]
 *              [-x STEP] [-P POLICY] [-c] [-H] [-v]
 *
 * L2 only makes VMCALLs. L1 handles each exit as a hypervisor does: it
 * reads the exit reason and instruction length, moves GUEST_RIP past the
 * VMCALL, and touches the fields of its pattern:
 *
 *   kvm-like  what KVM as L1 reads and writes on such an exit, all of
 *             them in upstream's shadow list: no exit under static
 *   foreign   what an L1 that syncs its vCPU's segment bases, SYSENTER
 *             and debug state on every exit touches (Xen-, ESXi-style):
 *             fields outside upstream's list, read and written back
 *
 * Both also write HOST_RSP and HOST_RIP before each VMRESUME, outside
 * upstream's list (the selftest library's vmresume() does, as an L1 whose
 * stack moves between entries must).
 *
 * After WARMUP round trips, and after each of STEPS stretches of ROUNDS
 * round trips, the host samples the VM's VMREAD/VMWRITE exits per field
 * (kvm-shadow's own profile when kvm_intel is kvm-shadow's, otherwise
 * kvm_shadow_profile's, when it is loaded), the fields copied between
 * the shadow VMCS and vmcs12 (kvm-shadow's only), and the guest time the
 * stretch took, and prints one line per stretch (-v: and its exits per
 * field). The totals of the STEPS stretches end the output as
 *
 *   RESULT <pattern> <metric> <value>
 *
 * lines: exits_per_1k_rt, copies_per_rt (when measured) and rt_per_s,
 * round trips per second of guest time. -P sets the VM's policy (on
 * kvm-shadow's kvm_intel) before L1 starts; -x makes L1 change to the
 * kvm-like pattern from stretch STEP on (what adaptive should then
 * demote). On kvm-shadow's kvm_intel, the VM's policy line at the end
 * follows ("policy: ...").
 *
 * -c gives the VM a second vCPU (id 1), whose L1 runs the kvm-like
 * pattern for as many round trips once the first is done, unmeasured:
 * a VM whose vCPUs' profiles differ. -H holds the VM at the end, after
 * printing "holding", until standard input closes, for a test to look
 * at it.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "test_util.h"
#include "kvm_util.h"
#include "processor.h"
#include "vmx.h"

#define SHADOW_DEBUGFS		"/sys/kernel/debug/kvm_shadow"
#define PROFILER_DEBUGFS	"/sys/kernel/debug/kvm_shadow_profile/profile"

#define R	1	/* read the field */
#define W	2	/* write it back (0 if not read) */

struct access {
	uint32_t enc;
	int how;
};

enum pattern { KVM_LIKE, FOREIGN, NR_PATTERNS };

static const char * const pattern_names[NR_PATTERNS] = {
	[KVM_LIKE] = "kvm-like",
	[FOREIGN] = "foreign",
};

/* Beyond VM_EXIT_REASON, VM_EXIT_INSTRUCTION_LEN and GUEST_RIP. */
static const struct access kvm_like[] = {
	{ EXIT_QUALIFICATION, R },
	{ VM_EXIT_INTR_INFO, R },
	{ IDT_VECTORING_INFO_FIELD, R },
	{ GUEST_INTERRUPTIBILITY_INFO, R | W },
	{ GUEST_RSP, R | W },
	{ GUEST_RFLAGS, R },
	{ GUEST_CS_AR_BYTES, R },
	{ VM_ENTRY_INTR_INFO_FIELD, W },
	{ 0 }
};

static const struct access foreign[] = {
	{ EXIT_QUALIFICATION, R },
	{ GUEST_SYSENTER_CS, R | W },
	{ GUEST_SYSENTER_ESP, R | W },
	{ GUEST_SYSENTER_EIP, R | W },
	{ GUEST_FS_BASE, R | W },
	{ GUEST_GS_BASE, R | W },
	{ GUEST_DR7, R | W },
	{ GUEST_IA32_DEBUGCTL, R | W },
	{ TSC_OFFSET, R | W },
	{ GUEST_ES_AR_BYTES, R },
	{ GUEST_DS_AR_BYTES, R },
	{ 0 }
};

static const struct access * const patterns[NR_PATTERNS] = {
	[KVM_LIKE] = kvm_like,
	[FOREIGN] = foreign,
};

static void l2_guest_code(void)
{
	for (;;)
		vmcall();
}

static void l1_round(const struct access *pattern, bool launch)
{
	const struct access *a;
	uint64_t v;

	GUEST_ASSERT(!(launch ? vmlaunch() : vmresume()));
	GUEST_ASSERT_EQ(vmreadz(VM_EXIT_REASON), EXIT_REASON_VMCALL);
	for (a = pattern; a->enc; a++) {
		v = a->how & R ? vmreadz(a->enc) : 0;
		if (a->how & W)
			GUEST_ASSERT(!vmwrite(a->enc, v));
	}
	GUEST_ASSERT(!vmwrite(GUEST_RIP, vmreadz(GUEST_RIP) +
			      vmreadz(VM_EXIT_INSTRUCTION_LEN)));
}

static void l1_guest_code(struct vmx_pages *vmx_pages, uint64_t pattern,
			  uint64_t warmup, uint64_t rounds, uint64_t steps,
			  uint64_t change)
{
#define L2_GUEST_STACK_SIZE 64
	unsigned long l2_guest_stack[L2_GUEST_STACK_SIZE];
	const struct access *p = patterns[pattern];
	uint64_t i, step;

	GUEST_ASSERT(prepare_for_vmx_operation(vmx_pages));
	GUEST_ASSERT(load_vmcs(vmx_pages));
	prepare_vmcs(vmx_pages, l2_guest_code,
		     &l2_guest_stack[L2_GUEST_STACK_SIZE]);

	/* Round 0 launches L2. */
	l1_round(p, true);
	for (i = 1; i < warmup; i++)
		l1_round(p, false);
	GUEST_SYNC(0);
	for (step = 1; step <= steps; step++) {
		if (step == change)
			p = patterns[KVM_LIKE];
		for (i = 0; i < rounds; i++)
			l1_round(p, false);
		GUEST_SYNC(step);
	}
	GUEST_DONE();
}

#define MAX_FIELDS	128

/* One sample of the VM's counters. */
struct sample {
	int nr;
	struct {
		char name[48];
		long reads, writes;
	} f[MAX_FIELDS];
	long copies;		/* both ways; -1 if not measured */
	bool exits_known;
};

static char vmdir[300];

/* Our VM's directory in kvm-shadow's debugfs, if kvm_intel is ours. */
static bool find_vm_dir(void)
{
	char prefix[32];
	struct dirent *de;
	int num = -1;
	DIR *d;

	d = opendir(SHADOW_DEBUGFS);
	if (!d)
		return false;
	snprintf(prefix, sizeof(prefix), "%d-", getpid());
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, prefix, strlen(prefix)) ||
		    atoi(de->d_name + strlen(prefix)) <= num)
			continue;
		num = atoi(de->d_name + strlen(prefix));
		snprintf(vmdir, sizeof(vmdir), SHADOW_DEBUGFS "/%s", de->d_name);
	}
	closedir(d);
	return num >= 0;
}

static void sample_add(struct sample *s, const char *name, long r, long w)
{
	int i;

	for (i = 0; i < s->nr; i++)
		if (!strcmp(s->f[i].name, name))
			break;
	if (i == s->nr) {
		TEST_ASSERT(s->nr < MAX_FIELDS, "more than %d fields", MAX_FIELDS);
		snprintf(s->f[i].name, sizeof(s->f[i].name), "%s", name);
		s->f[i].reads = 0;
		s->f[i].writes = 0;
		s->nr++;
	}
	s->f[i].reads += r;
	s->f[i].writes += w;
}

static void sample_read(struct sample *s)
{
	char path[400], line[256], name[48], dir[32];
	unsigned int enc;
	long r, w, pid;
	FILE *f;

	memset(s, 0, sizeof(*s));
	s->copies = -1;
	if (vmdir[0]) {
		snprintf(path, sizeof(path), "%s/profile", vmdir);
		f = fopen(path, "r");
		TEST_ASSERT(f, "open %s: %s", path, strerror(errno));
		s->copies = 0;
		while (fgets(line, sizeof(line), f)) {
			if (sscanf(line, "sync %31s %ld fields %ld", dir, &r, &w) == 3)
				s->copies += w;
			else if (sscanf(line, "field %47s %x vmread %ld vmwrite %ld",
					name, &enc, &r, &w) == 4)
				sample_add(s, name, r, w);
			else if (sscanf(line, "unknown vmread %ld vmwrite %ld", &r, &w) == 2)
				sample_add(s, "unknown", r, w);
		}
		fclose(f);
		s->exits_known = true;
		return;
	}
	/* The stock kvm_intel: kvm_shadow_profile counts, if it is loaded. */
	f = fopen(PROFILER_DEBUGFS, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%ld %*u %47s %ld %ld", &pid, name, &r, &w) == 4 &&
		    pid == getpid() && strcmp(name, "lost"))
			sample_add(s, name, r, w);
	}
	fclose(f);
	s->exits_known = true;
}

static long field_delta(const struct sample *a, const struct sample *b,
			int i, long *reads, long *writes)
{
	int j;

	*reads = b->f[i].reads;
	*writes = b->f[i].writes;
	for (j = 0; j < a->nr; j++) {
		if (!strcmp(a->f[j].name, b->f[i].name)) {
			*reads -= a->f[j].reads;
			*writes -= a->f[j].writes;
		}
	}
	return *reads + *writes;
}

static long exits_between(const struct sample *a, const struct sample *b,
			  bool show)
{
	long sum = 0, r, w;
	int i;

	for (i = 0; i < b->nr; i++) {
		if (!field_delta(a, b, i, &r, &w))
			continue;
		sum += r + w;
		if (show)
			printf("    %-30s vmread %6ld  vmwrite %6ld\n",
			       b->f[i].name, r, w);
	}
	return sum;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Run VCPU to its next GUEST_SYNC (true) or its GUEST_DONE (false). */
static bool run_to_sync(struct kvm_vcpu *vcpu, struct ucall *uc)
{
	vcpu_run(vcpu);
	TEST_ASSERT(vcpu->run->exit_reason == KVM_EXIT_IO,
		    "exit reason %u (%s)", vcpu->run->exit_reason,
		    exit_reason_str(vcpu->run->exit_reason));
	switch (get_ucall(vcpu, uc)) {
	case UCALL_ABORT:
		REPORT_GUEST_ASSERT_2(*uc, "values: %#lx, %#lx");
		/* NOT REACHED */
	case UCALL_SYNC:
		return true;
	case UCALL_DONE:
		return false;
	default:
		TEST_FAIL("unknown ucall %lu", uc->cmd);
	}
	return false;
}

static void set_policy(const char *policy)
{
	char path[400];
	int fd;

	TEST_ASSERT(vmdir[0], "-P needs kvm-shadow's kvm_intel (no %s)",
		    SHADOW_DEBUGFS);
	snprintf(path, sizeof(path), "%s/policy", vmdir);
	fd = open(path, O_WRONLY);
	TEST_ASSERT(fd >= 0, "open %s: %s", path, strerror(errno));
	TEST_ASSERT(write(fd, policy, strlen(policy)) >= 0,
		    "policy \"%s\": %s", policy, strerror(errno));
	close(fd);
}

static void bad_usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s [-p kvm-like|foreign] [-w WARMUP] [-n ROUNDS] [-s STEPS] [-x STEP] [-P POLICY] [-c] [-H] [-v]\n",
		prog);
	exit(KSFT_FAIL);
}

int main(int argc, char *argv[])
{
	long warmup = 200, rounds = 500, steps = 1, change = 0, total_exits = 0;
	static struct sample first, prev, cur;
	int pattern = FOREIGN, opt;
	const char *policy = NULL;
	double t, total_time = 0;
	vm_vaddr_t vmx_pages_gva;
	struct kvm_vcpu *vcpu, *second = NULL;
	bool verbose = false, two_vcpus = false, hold = false;
	struct kvm_vm *vm;
	struct ucall uc;

	while ((opt = getopt(argc, argv, "p:w:n:s:x:P:cHv")) != -1) {
		switch (opt) {
		case 'p':
			for (pattern = 0; pattern < NR_PATTERNS; pattern++)
				if (!strcmp(optarg, pattern_names[pattern]))
					break;
			if (pattern == NR_PATTERNS)
				bad_usage(argv[0]);
			break;
		case 'w':
			warmup = atol(optarg);
			break;
		case 'n':
			rounds = atol(optarg);
			break;
		case 's':
			steps = atol(optarg);
			break;
		case 'x':
			change = atol(optarg);
			break;
		case 'P':
			policy = optarg;
			break;
		case 'c':
			two_vcpus = true;
			break;
		case 'H':
			hold = true;
			break;
		case 'v':
			verbose = true;
			break;
		default:
			bad_usage(argv[0]);
		}
	}
	if (warmup < 1 || rounds < 1 || steps < 1 || change < 0)
		bad_usage(argv[0]);
	TEST_REQUIRE(kvm_cpu_has(X86_FEATURE_VMX));

	vm = vm_create_with_one_vcpu(&vcpu, l1_guest_code);
	vcpu_alloc_vmx(vm, &vmx_pages_gva);
	vcpu_args_set(vcpu, 6, vmx_pages_gva, pattern, warmup, rounds, steps,
		      change);
	if (two_vcpus) {
		second = vm_vcpu_add(vm, 1, l1_guest_code);
		vcpu_alloc_vmx(vm, &vmx_pages_gva);
		vcpu_args_set(second, 6, vmx_pages_gva, KVM_LIKE, warmup, rounds,
			      steps, 0);
	}
	find_vm_dir();
	if (policy)
		set_policy(policy);

	for (;;) {
		bool synced;

		t = now();
		synced = run_to_sync(vcpu, &uc);
		t = now() - t;
		if (!synced)
			break;
		sample_read(&cur);
		if (uc.args[1] == 0) {
			first = cur;
		} else {
			long exits = exits_between(&prev, &cur, false);

			total_time += t;
			total_exits += exits;
			printf("%s step %lu: %ld round trips in %.3f s of guest time",
			       pattern_names[change && uc.args[1] >= (uint64_t)change ?
					     KVM_LIKE : pattern],
			       uc.args[1], rounds, t);
			if (cur.exits_known)
				printf(", %ld VMREAD/VMWRITE exits", exits);
			if (cur.copies >= 0)
				printf(", %.1f fields copied per round trip",
				       (double)(cur.copies - prev.copies) / rounds);
			printf("\n");
			if (verbose)
				exits_between(&prev, &cur, true);
		}
		prev = cur;
	}
	if (second)
		while (run_to_sync(second, &uc))
			;
	if (cur.exits_known)
		printf("RESULT %s exits_per_1k_rt %.1f\n", pattern_names[pattern],
		       total_exits * 1000.0 / (rounds * steps));
	if (cur.copies >= 0)
		printf("RESULT %s copies_per_rt %.2f\n", pattern_names[pattern],
		       (double)(cur.copies - first.copies) / (rounds * steps));
	printf("RESULT %s rt_per_s %.1f\n", pattern_names[pattern],
	       rounds * steps / total_time);
	if (vmdir[0]) {
		char buf[512], path[400];
		ssize_t n;
		int fd;

		snprintf(path, sizeof(path), "%s/policy", vmdir);
		fd = open(path, O_RDONLY);
		n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
		if (n > 0) {
			buf[n] = '\0';
			printf("policy: %.*s\n", (int)strcspn(buf, "\n"), buf);
		}
		if (fd >= 0)
			close(fd);
	}
	if (hold) {
		char line[16];

		printf("holding\n");
		fflush(stdout);
		while (fgets(line, sizeof(line), stdin))
			;
	}
	kvm_vm_free(vm);
	return 0;
}
