// SPDX-License-Identifier: GPL-2.0
/*
 * shadow_fields_test: per-VM VMCS shadow field sets of kvm-shadow's
 * kvm_intel, seen from L1 and from the VM's debugfs files.
 *
 * L1 reads and writes VMCS fields that upstream does not shadow, around
 * many L2 round trips, and checks every value both ways: what L1 writes
 * reaches L2 (GUEST_FS_BASE, GUEST_GS_BASE and GUEST_SYSENTER_ESP, which
 * L2 reads with RDMSR), what L2 changes reaches L1 (L2 moves its FS
 * base), and what L1 wrote stays (those, TSC_OFFSET with its high half,
 * GUEST_ES_AR_BYTES as prepare_vmcs() set it). The host switches the
 * VM's policy between phases, at which point L1 is live in VMX operation
 * with a current VMCS, and reads the VM's trap profile:
 *
 *   static          each access to those fields exits once
 *   pinned +static  those fields never exit, values still exact
 *   pinned only     those fields never exit; upstream's, now demoted,
 *                   exit once per access, values still exact
 *   static again    once per access again
 *   adaptive        after a warm-up phase, those fields exit at least
 *                   90% less than under static, values still exact
 *
 * and twice with migrations: twice in 100 round trips, after L1 has written
 * the round's values (into its shadow VMCS, under these policies) and
 * before it resumes L2, the host saves the vCPU's state, nested state
 * included, destroys the VM, restores the state into a new one and gives
 * it the same policy; the values must survive:
 *
 *   pinned+ (migrating)   those fields never exit, values exact
 *   adaptive (migrating)  each new VM learns again; values exact
 *
 * Then bad policies: refused with a reason, the policy unchanged.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_util.h"
#include "kvm_util.h"
#include "processor.h"
#include "vmx.h"

#define ROUNDS		100
#define DEBUGFS		"/sys/kernel/debug/kvm_shadow"

/* Fields outside upstream's list (vmcs_shadow_fields.h) */
enum { F_FS, F_GS, F_SYSESP, F_TSCOFF, F_ESAR, F_EXIT_REASON, F_RIP, NR_F };
static const struct {
	uint32_t enc;
	const char *name;
	int reads, writes;	/* L1's accesses per round trip */
} fields[NR_F] = {
	[F_FS] = { GUEST_FS_BASE, "GUEST_FS_BASE", 1, 1 },
	[F_GS] = { GUEST_GS_BASE, "GUEST_GS_BASE", 1, 1 },
	[F_SYSESP] = { GUEST_SYSENTER_ESP, "GUEST_SYSENTER_ESP", 1, 1 },
	[F_TSCOFF] = { TSC_OFFSET, "TSC_OFFSET", 1, 1 },
	[F_ESAR] = { GUEST_ES_AR_BYTES, "GUEST_ES_AR_BYTES", 1, 0 },
	/* upstream's own, shadowed by static */
	[F_EXIT_REASON] = { VM_EXIT_REASON, "VM_EXIT_REASON", 1, 0 },
	[F_RIP] = { GUEST_RIP, "GUEST_RIP", 1, 1 },
};
#define NR_OURS	(F_ESAR + 1)

#define PINNED_LIST "GUEST_FS_BASE GUEST_GS_BASE GUEST_SYSENTER_ESP TSC_OFFSET GUEST_ES_AR_BYTES"

static uint64_t fs_val(int i) { return 0x7f0000000000ull + i * 0x1000ull; }
static uint64_t gs_val(int i) { return 0x7e0000000000ull + i * 0x3000ull; }
static uint64_t sysesp_val(int i) { return 0x7d0000000000ull + i * 0x10ull; }
/* Both halves change: the high one must travel with the low one. */
static uint64_t tsc_val(int i) { return ((uint64_t)(i + 1) << 40) | (i * 7 + 1); }

/* What L2 saw, for L1 to check. */
static volatile uint64_t l2_fs, l2_gs, l2_sysesp;

static void l2_guest_code(void)
{
	for (;;) {
		uint64_t fs = rdmsr(MSR_FS_BASE);

		l2_fs = fs;
		l2_gs = rdmsr(MSR_GS_BASE);
		l2_sysesp = rdmsr(MSR_IA32_SYSENTER_ESP);
		wrmsr(MSR_FS_BASE, fs + 0x800);
		vmcall();
	}
}

/* Host: save, destroy, restore into a new VM (see main()). */
#define SYNC_MIGRATE	1000

static void l1_round(int i, uint64_t es_ar, bool migrate)
{
	GUEST_ASSERT(!vmwrite(GUEST_FS_BASE, fs_val(i)));
	GUEST_ASSERT(!vmwrite(GUEST_GS_BASE, gs_val(i)));
	GUEST_ASSERT(!vmwrite(GUEST_SYSENTER_ESP, sysesp_val(i)));
	GUEST_ASSERT(!vmwrite(TSC_OFFSET, tsc_val(i)));
	if (migrate)
		GUEST_SYNC(SYNC_MIGRATE + i);

	GUEST_ASSERT(!(i ? vmresume() : vmlaunch()));
	GUEST_ASSERT_EQ(vmreadz(VM_EXIT_REASON), EXIT_REASON_VMCALL);
	GUEST_ASSERT(!vmwrite(GUEST_RIP, vmreadz(GUEST_RIP) + 3));

	/* L1 -> L2 */
	GUEST_ASSERT_EQ(l2_fs, fs_val(i));
	GUEST_ASSERT_EQ(l2_gs, gs_val(i));
	GUEST_ASSERT_EQ(l2_sysesp, sysesp_val(i));
	/* L2 -> L1 */
	GUEST_ASSERT_EQ(vmreadz(GUEST_FS_BASE), fs_val(i) + 0x800);
	/* L1 -> L1, across the round trip */
	GUEST_ASSERT_EQ(vmreadz(GUEST_GS_BASE), gs_val(i));
	GUEST_ASSERT_EQ(vmreadz(GUEST_SYSENTER_ESP), sysesp_val(i));
	GUEST_ASSERT_EQ(vmreadz(TSC_OFFSET), tsc_val(i));
	GUEST_ASSERT_EQ(vmreadz(GUEST_ES_AR_BYTES), es_ar);
}

#define NR_PHASES 8
/* Phases with migrations, and how often. */
#define MIGRATING(phase)	((phase) == 7 || (phase) == 8)
#define MIGRATE_EVERY		50
/* Late in each stretch, for the adaptive policy to have learned. */
#define MIGRATE_AT		40

static void l1_guest_code(struct vmx_pages *vmx_pages)
{
#define L2_GUEST_STACK_SIZE 64
	unsigned long l2_guest_stack[L2_GUEST_STACK_SIZE];
	uint64_t es_ar;
	int i = 0, phase;

	GUEST_ASSERT(prepare_for_vmx_operation(vmx_pages));
	GUEST_ASSERT(load_vmcs(vmx_pages));
	prepare_vmcs(vmx_pages, l2_guest_code,
		     &l2_guest_stack[L2_GUEST_STACK_SIZE]);
	/* L2's RDMSR/WRMSR of FS/GS base must not exit to L1. */
	GUEST_ASSERT(!vmwrite(CPU_BASED_VM_EXEC_CONTROL,
			      vmreadz(CPU_BASED_VM_EXEC_CONTROL) |
			      CPU_BASED_USE_MSR_BITMAPS));
	es_ar = vmreadz(GUEST_ES_AR_BYTES);

	/* Warm-up: round 0 launches L2. */
	l1_round(i++, es_ar, false);
	for (phase = 1; phase <= NR_PHASES; phase++) {
		GUEST_SYNC(phase);
		while (i <= phase * ROUNDS) {
			l1_round(i, es_ar, MIGRATING(phase) &&
				 i % MIGRATE_EVERY == MIGRATE_AT);
			i++;
		}
	}
	GUEST_SYNC(NR_PHASES + 1);
	GUEST_DONE();
}

struct profile {
	long reads[NR_F], writes[NR_F];
	long syncs[2], synced[2];
};

/*
 * What the VMs destroyed by migrations counted: read_profile() adds it,
 * so that a phase's counts span the VMs it ran in.
 */
static struct profile offset;
/* Migrations made while the set shadowed our fields read-write. */
static int migrated_shadowed;

static char vmdir[320];
static int vmnum;

static void find_vm_dir(void)
{
	char prefix[32];
	struct dirent *de;
	DIR *d;

	d = opendir(DEBUGFS);
	__TEST_REQUIRE(d, "no " DEBUGFS ": kvm_intel is not kvm-shadow's, or debugfs is not mounted");
	snprintf(prefix, sizeof(prefix), "%d-", getpid());
	/* The newest VM of this process: its number is the highest. */
	vmdir[0] = '\0';
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, prefix, strlen(prefix)) ||
		    atoi(de->d_name + strlen(prefix)) <= vmnum)
			continue;
		vmnum = atoi(de->d_name + strlen(prefix));
		snprintf(vmdir, sizeof(vmdir), DEBUGFS "/%s", de->d_name);
	}
	closedir(d);
	TEST_ASSERT(vmdir[0], "no VM directory %s<vm> in " DEBUGFS, prefix);
}

static void read_profile(struct profile *p)
{
	char path[400], line[256], name[64], dir[32];
	unsigned int enc;
	long r, w;
	FILE *f;
	int i;

	memset(p, 0, sizeof(*p));
	snprintf(path, sizeof(path), "%s/profile", vmdir);
	f = fopen(path, "r");
	TEST_ASSERT(f, "open %s: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "sync %31s %ld fields %ld", dir, &r, &w) == 3) {
			i = !strcmp(dir, "vmcs12-to-shadow");
			p->syncs[i] = r;
			p->synced[i] = w;
			continue;
		}
		if (sscanf(line, "field %63s %x vmread %ld vmwrite %ld",
			   name, &enc, &r, &w) != 4)
			continue;
		for (i = 0; i < NR_F; i++) {
			if (fields[i].enc == enc) {
				p->reads[i] = r;
				p->writes[i] = w;
			}
		}
	}
	fclose(f);
	for (i = 0; i < NR_F; i++) {
		p->reads[i] += offset.reads[i];
		p->writes[i] += offset.writes[i];
	}
	for (i = 0; i < 2; i++) {
		p->syncs[i] += offset.syncs[i];
		p->synced[i] += offset.synced[i];
	}
}

/* Write a policy: 0, or the errno of the refusal. */
static int set_policy(const char *policy)
{
	char path[400];
	int fd, r = 0;

	snprintf(path, sizeof(path), "%s/policy", vmdir);
	fd = open(path, O_WRONLY);
	TEST_ASSERT(fd >= 0, "open %s: %s", path, strerror(errno));
	if (write(fd, policy, strlen(policy)) < 0)
		r = errno;
	close(fd);
	return r;
}

static void read_file(const char *name, char *buf, size_t len)
{
	char path[400];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", vmdir, name);
	fd = open(path, O_RDONLY);
	TEST_ASSERT(fd >= 0, "open %s: %s", path, strerror(errno));
	n = read(fd, buf, len - 1);
	TEST_ASSERT(n >= 0, "read %s: %s", path, strerror(errno));
	buf[n] = '\0';
	close(fd);
}

static int failures;

static void expect(bool ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s ", ok ? "ok:  " : "FAIL:");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!ok)
		failures++;
}

enum check { EXACT, WARMUP, CUT90 };

/*
 * Check one phase's exits. EXACT: SHADOWED[i] says field i should not
 * exit, otherwise it exits once per access in each of the ROUNDS round
 * trips. CUT90: at most a tenth of that, for the fields SHADOWED names.
 * WARMUP: only shown.
 */
static void check_phase(const char *policy, const struct profile *a,
			const struct profile *b, const bool *shadowed,
			enum check check)
{
	long syncs, synced;
	int i;

	for (i = 0; i < NR_F; i++) {
		long r = b->reads[i] - a->reads[i];
		long w = b->writes[i] - a->writes[i];
		long want_r = shadowed[i] ? 0 : (long)fields[i].reads * ROUNDS;
		long want_w = shadowed[i] ? 0 : (long)fields[i].writes * ROUNDS;
		long all_r = (long)fields[i].reads * ROUNDS;
		long all_w = (long)fields[i].writes * ROUNDS;

		if (check == WARMUP) {
			printf("# %-7s %-18s vmread exits %4ld vmwrite exits %4ld in %d round trips (warm-up)\n",
			       policy, fields[i].name, r, w, ROUNDS);
			continue;
		}
		if (check == CUT90) {
			expect(r * 10 <= all_r && w * 10 <= all_w,
			       "%-7s %-18s vmread exits %4ld (static: %4ld) vmwrite exits %4ld (static: %4ld) in %d round trips",
			       policy, fields[i].name, r, all_r, w, all_w,
			       ROUNDS);
			continue;
		}
		expect(r == want_r && w == want_w,
		       "%-7s %-18s vmread exits %4ld (want %4ld) vmwrite exits %4ld (want %4ld) in %d round trips",
		       policy, fields[i].name, r, want_r, w, want_w, ROUNDS);
	}
	for (i = 0; i < 2; i++) {
		syncs = b->syncs[i] - a->syncs[i];
		synced = b->synced[i] - a->synced[i];
		printf("# %-7s %s: %ld syncs, %ld fields copied (%.1f per round trip)\n",
		       policy, i ? "vmcs12 -> shadow" : "shadow -> vmcs12",
		       syncs, synced, (double)synced / ROUNDS);
	}
}

static void check_refused(const char *policy, int want_errno, const char *reason)
{
	char buf[512];
	int r = set_policy(policy);

	read_file("policy", buf, sizeof(buf));
	buf[strcspn(buf, "\0")] = '\0';
	if (strlen(buf) && buf[strlen(buf) - 1] == '\n')
		buf[strlen(buf) - 1] = '\0';
	expect(r == want_errno && strstr(buf, reason) && !strncmp(buf, "static\n", 7),
	       "\"%s\" refused (%s), policy unchanged: %s", policy,
	       r ? strerror(r) : "accepted", strchr(buf, '\n') + 1);
}

/*
 * Save the vCPU (nested state included), destroy the VM, restore into a
 * new one with POLICY, as a migration would; counts carry over.
 */
static struct kvm_vcpu *migrate(struct kvm_vm *vm, struct kvm_vcpu *vcpu,
				const char *policy)
{
	struct kvm_x86_state *state;
	struct profile before, after;
	char buf[4096], path[400];
	int i, r, fd;

	/* Were the values L1 just wrote in the shadow VMCS only? */
	read_file("set", buf, sizeof(buf));
	if (strstr(buf, "rw GUEST_FS_BASE ") && strstr(buf, "rw TSC_OFFSET "))
		migrated_shadowed++;
	read_profile(&before);
	/* The old VM's policy file, written once its VM is gone. */
	snprintf(path, sizeof(path), "%s/policy", vmdir);
	fd = open(path, O_WRONLY);
	TEST_ASSERT(fd >= 0, "open %s: %s", path, strerror(errno));
	state = vcpu_save_state(vcpu);
	kvm_vm_release(vm);
	r = write(fd, "static", 6) < 0 ? errno : 0;
	close(fd);
	expect(r == EIO, "policy of a VM that no longer exists: %s",
	       r ? strerror(r) : "accepted");
	vcpu = vm_recreate_with_one_vcpu(vm);
	vcpu_load_state(vcpu, state);
	kvm_x86_state_cleanup(state);

	find_vm_dir();
	r = set_policy(policy);
	TEST_ASSERT(!r, "policy \"%s\" on %s: %s", policy, vmdir, strerror(r));
	read_profile(&after);
	for (i = 0; i < NR_F; i++) {
		offset.reads[i] += before.reads[i] - after.reads[i];
		offset.writes[i] += before.writes[i] - after.writes[i];
	}
	for (i = 0; i < 2; i++) {
		offset.syncs[i] += before.syncs[i] - after.syncs[i];
		offset.synced[i] += before.synced[i] - after.synced[i];
	}
	return vcpu;
}

int main(int argc, char *argv[])
{
	static const bool ours_static[NR_F] = {
		1, 1, 1, 1, 1, [F_EXIT_REASON] = 1, [F_RIP] = 1
	};
	static const bool ours_only[NR_F] = { 1, 1, 1, 1, 1 };
	static const bool upstream[NR_F] = {
		[F_EXIT_REASON] = 1, [F_RIP] = 1
	};
	/*
	 * Adaptive: a 50 ms window sees a few of Bochs' round trips; the
	 * warm-up phase has tens of windows to promote our fields in, and
	 * they stay (age) for the measured phase.
	 */
	static const struct {
		const char *name, *policy;
		const bool *shadowed;
		enum check check;
	} phases[NR_PHASES] = {
		{ "static", "static", upstream, EXACT },
		{ "pinned+", "pinned static " PINNED_LIST, ours_static, EXACT },
		{ "pinned", "pinned " PINNED_LIST, ours_only, EXACT },
		{ "static", "static", upstream, EXACT },
		{ "adapt-w", "adaptive window=50 promote=2 max=16 age=100000",
		  ours_static, WARMUP },
		{ "adaptive", NULL, ours_static, CUT90 },
		{ "pin-mig", "pinned static " PINNED_LIST, ours_static, EXACT },
		{ "ada-mig", "adaptive window=10 promote=2 max=16 age=100000",
		  ours_static, WARMUP },
	};
	struct profile prof[NR_PHASES + 1];
	vm_vaddr_t vmx_pages_gva;
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	char buf[4096];
	const char *policy = "static";
	int stage, migrations = 0;
	struct ucall uc;

	TEST_REQUIRE(kvm_cpu_has(X86_FEATURE_VMX));

	vm = vm_create_with_one_vcpu(&vcpu, l1_guest_code);
	vcpu_alloc_vmx(vm, &vmx_pages_gva);
	vcpu_args_set(vcpu, 1, vmx_pages_gva);
	find_vm_dir();
	printf("# VM directory %s\n", vmdir);

	for (stage = 1;; stage++) {
		vcpu_run(vcpu);
		TEST_ASSERT(vcpu->run->exit_reason == KVM_EXIT_IO,
			    "exit reason %u (%s)", vcpu->run->exit_reason,
			    exit_reason_str(vcpu->run->exit_reason));
		switch (get_ucall(vcpu, &uc)) {
		case UCALL_ABORT:
			REPORT_GUEST_ASSERT_2(uc, "values: %#lx, %#lx");
			/* NOT REACHED */
		case UCALL_SYNC:
			break;
		case UCALL_DONE:
			goto done;
		default:
			TEST_FAIL("unknown ucall %lu", uc.cmd);
		}
		if (uc.args[1] >= SYNC_MIGRATE) {
			vcpu = migrate(vm, vcpu, policy);
			migrations++;
			stage--;
			continue;
		}
		TEST_ASSERT(uc.args[1] == stage, "stage %lu, want %d",
			    uc.args[1], stage);
		read_profile(&prof[stage - 1]);
		if (stage > 1)
			check_phase(phases[stage - 2].name, &prof[stage - 2],
				    &prof[stage - 1], phases[stage - 2].shadowed,
				    phases[stage - 2].check);
		if (stage <= NR_PHASES && !phases[stage - 1].policy) {
			/* Let the last window see the end of the warm-up. */
			usleep(300 * 1000);
			read_file("policy", buf, sizeof(buf));
			printf("# after warm-up: %s", buf);
			read_profile(&prof[stage - 1]);
		} else if (stage <= NR_PHASES) {
			int r;

			if (stage == 7) {
				read_file("set", buf, sizeof(buf));
				for (char *l = strtok(buf, "\n"); l; l = strtok(NULL, "\n"))
					printf("# adaptive set: %s\n", l);
				read_file("set", buf, sizeof(buf));
				expect(strstr(buf, "rw GUEST_FS_BASE ") &&
				       strstr(buf, "rw GUEST_GS_BASE ") &&
				       strstr(buf, "rw GUEST_SYSENTER_ESP ") &&
				       strstr(buf, "rw TSC_OFFSET ") &&
				       strstr(buf, "ro GUEST_ES_AR_BYTES "),
				       "adaptive promoted our fields, GUEST_ES_AR_BYTES read-only");
			}
			policy = phases[stage - 1].policy;
			r = set_policy(policy);

			TEST_ASSERT(!r, "policy \"%s\": %s",
				    phases[stage - 1].policy, strerror(r));
			read_file("set", buf, sizeof(buf));
			printf("# %s: %.*s\n", phases[stage - 1].policy,
			       (int)strcspn(buf, "\n"), buf);
		}
	}
done:
	printf("# L1 checked %d round trips, every value exact both ways\n",
	       NR_PHASES * ROUNDS + 1);

	printf("# %d migrations, nested state saved mid-round and restored\n",
	       migrations);
	/* 2 under pinned, and at least one of the 2 under adaptive. */
	expect(migrations == 4 && migrated_shadowed >= 3,
	       "%d of %d migrations saved values L1 had written to its shadow VMCS only, all exact",
	       migrated_shadowed, migrations);
	TEST_ASSERT(!set_policy("static"), "back to static");
	read_file("set", buf, sizeof(buf));
	expect(!strncmp(buf, "policy static\n", 14), "back to static");

	check_refused("pinned GUEST_ES_AR_BYTES:rw", EINVAL,
		      "access-rights fields can only be shadowed read-only");
	check_refused("pinned 0x1234", EINVAL, "no such VMCS field");
	check_refused("pinned NO_SUCH_FIELD", EINVAL, "no such VMCS field");
	check_refused("pinned TSC_OFFSET_HIGH", EINVAL, "high half");
	check_refused("pinned VM_INSTRUCTION_ERROR", EINVAL, "behind the shadow VMCS");
	check_refused("pinned GUEST_FS_BASE:wr", EINVAL, "access is ro or rw");
	check_refused("adaptive-ish", EINVAL, "no such policy");
	check_refused("adaptive max=1000", EINVAL, "max 1..");
	check_refused("adaptive speed=9", EINVAL, "adaptive takes");
	check_refused("static GUEST_FS_BASE", EINVAL, "static takes no fields");

	kvm_vm_free(vm);
	printf("# %d failure(s)\n", failures);
	return failures ? 1 : 0;
}
