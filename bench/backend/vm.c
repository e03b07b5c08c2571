// SPDX-License-Identifier: GPL-2.0
/*
 * The vm backend: kernel numbers on a machine that cannot load the module.
 * start() builds one initramfs (busybox, the module, this very binary with
 * its libraries, the list of points) with kmod/vm/mkinitramfs and boots the
 * distribution kernel once for the whole matrix with kmod/vm/boot. Inside,
 * `syncbench guest-run` (guest.c) runs the kernel backend point by point and
 * writes a frame per point to the guest's second serial port, which the host
 * sees as a growing file; run_point() waits for the next frame there, so each
 * record reaches the store as soon as the guest produced it. A point that
 * hangs or takes the guest down is recorded as failed and the VM is booted
 * again for the runs after it (console vm-console.N.log). The points file
 * and the frames, both sides of them, are vm_frame.h's.
 *
 * The guest topology is -smp N,sockets=M with M NUMA nodes (CPUs split
 * evenly), the one topology.c models for placement.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "backend/backend.h"
#include "backend/vm_frame.h"
#include "sb_result.h"
#include "store/machine.h"
#include "util/now.h"
#include "util/run.h"
#include "util/util.h"

#define SB_VM_BOOT_ALLOW_MS 300000LL	/* boot, KVM probe, insmod */

struct sb_vm {
	char tools[PATH_MAX];
	char qemu[PATH_MAX];
	char kernel[PATH_MAX];
	char kver[128];
	char module[PATH_MAX];
	char tmp[PATH_MAX];
	char console[PATH_MAX + 32];
	pid_t pid;		/* the boot script, its own process group */
	int status;		/* its wait status once exited */
	int exited;
	int data_fd;
	char *buf;		/* bytes from the data port not yet parsed */
	size_t len, cap;
	char fatal[SB_REASON_LEN];	/* once set, every point fails so */
	int first;		/* no frame yet: allow for the boot */
	int boots;
	int runs;
	int boot_runs;	/* frames from this boot */
	int boot_expected;	/* runs this boot was given */
	/* The runs in order; a lost VM is rebooted for those after next. */
	const struct sb_task *tasks;
	int ntasks;
	int next;
	int lost;	/* fatal is a hung or dead VM, not the guest's word */
	json_t *calibration;
	json_t *module_cal;	/* the guest module's calibrate file */
	json_t *guest_machine;	/* the guest's @@machine frame */
};

static struct sb_vm sb_vm;

static int sb_in_path(const char *prog, char *out, size_t len)
{
	const char *path = getenv("PATH");
	char *dup, *dir, *save;
	int found = 0;

	if (strchr(prog, '/')) {
		snprintf(out, len, "%s", prog);
		return !access(prog, X_OK);
	}
	dup = strdup(path ? path : "/usr/bin:/bin");
	if (!dup)
		abort();
	for (dir = strtok_r(dup, ":", &save); dir && !found;
	     dir = strtok_r(NULL, ":", &save)) {
		snprintf(out, len, "%s/%s", dir, prog);
		found = !access(out, X_OK);
	}
	free(dup);
	return found;
}

/* The newest /boot/vmlinuz-*-amd64, by version order. */
static int sb_newest_kernel(char *out, size_t len)
{
	glob_t g;
	size_t i, best = 0;

	if (glob("/boot/vmlinuz-*", 0, NULL, &g) || !g.gl_pathc)
		return -1;
	for (i = 1; i < g.gl_pathc; i++)
		if (strverscmp(g.gl_pathv[i], g.gl_pathv[best]) > 0)
			best = i;
	snprintf(out, len, "%s", g.gl_pathv[best]);
	globfree(&g);
	return 0;
}

/* The first line a program writes to stdout, or "" */
static void sb_first_line(char *const argv[], char *out, size_t len)
{
	sb_run_capture(argv, out, len);
	out[strcspn(out, "\n")] = '\0';
}

/* QEMU: $SB_QEMU, or qemu-system-x86_64 in PATH. */
static int sb_vm_find_qemu(struct sb_vm *v, char *err, size_t errlen)
{
	const char *env = getenv("SB_QEMU");

	if (sb_in_path(env && *env ? env : "qemu-system-x86_64", v->qemu,
		       sizeof(v->qemu)))
		return 0;
	snprintf(err, errlen,
		 "vm backend: qemu-system-x86_64 not found: apt-get install qemu-system-x86"
		 );
	return -1;
}

/* kmod/vm's boot and mkinitramfs, and the guest's busybox. */
static int sb_vm_find_tools(struct sb_vm *v, char *err, size_t errlen)
{
	const char *env = getenv("SYNCBENCH_VM_TOOLS");
	char boot[PATH_MAX + 16];

	snprintf(v->tools, sizeof(v->tools), "%s",
		 env && *env ? env : SB_SOURCE_DIR "/kmod/vm");
	snprintf(boot, sizeof(boot), "%s/boot", v->tools);
	if (access(boot, X_OK)) {
		snprintf(err, errlen,
			 "vm backend: %s not found: run from a syncbench source tree, or set "
			 "SYNCBENCH_VM_TOOLS to its kmod/vm",
			 boot);
		return -1;
	}
	if (access("/bin/busybox", X_OK)) {
		snprintf(err, errlen,
			 "vm backend: /bin/busybox not found (the guest's userland): apt-get "
			 "install busybox-static");
		return -1;
	}
	return 0;
}

/* --vm-kernel or the newest installed image, and its version from the name. */
static int sb_vm_find_kernel(struct sb_vm *v, const struct sb_backend_opts *o,
			     char *err, size_t errlen)
{
	const char *name;

	if (o->vm_kernel)
		snprintf(v->kernel, sizeof(v->kernel), "%s", o->vm_kernel);
	else if (sb_newest_kernel(v->kernel, sizeof(v->kernel)))
		*v->kernel = '\0';
	if (!*v->kernel || access(v->kernel, R_OK)) {
		snprintf(err, errlen,
			 "vm backend: no readable kernel image%s%s: apt-get install "
			 "linux-image-amd64, or pass --vm-kernel FILE",
			 *v->kernel ? " " : "", v->kernel);
		return -1;
	}
	name = strrchr(v->kernel, '/');
	name = name ? name + 1 : v->kernel;
	snprintf(v->kver, sizeof(v->kver), "%s",
		 !strncmp(name, "vmlinuz-", 8) ? name + 8 : "unknown");
	return 0;
}

/* --vm-module, $SYNCBENCH_KO, or the one built beside this binary. */
static int sb_vm_find_module(struct sb_vm *v, const struct sb_backend_opts *o,
			     char *err, size_t errlen)
{
	const char *env = getenv("SYNCBENCH_KO");

	if (o->vm_module)
		snprintf(v->module, sizeof(v->module), "%s", o->vm_module);
	else if (env && *env)
		snprintf(v->module, sizeof(v->module), "%s", env);
	else
		snprintf(v->module, sizeof(v->module),
			 "%s/../kmod/syncbench.ko", sb_exe_dir());
	if (!access(v->module, R_OK))
		return 0;
	snprintf(err, errlen,
		 "vm backend: module %s not found: build it with `cmake --build build "
		 "--target kmod` (needs linux-headers-%s), or pass --vm-module",
		 v->module, v->kver);
	return -1;
}

/* A module built for another kernel would fail insmod in the guest. */
static int sb_vm_check_vermagic(struct sb_vm *v, char *vermagic, size_t len,
				char *err, size_t errlen)
{
	char *modinfo[] = { "modinfo", "-F", "vermagic", v->module, NULL };

	sb_first_line(modinfo, vermagic, len);
	if (!*vermagic || !strcmp(v->kver, "unknown") ||
	    (!strncmp(vermagic, v->kver, strlen(v->kver)) &&
	     vermagic[strlen(v->kver)] == ' '))
		return 0;
	snprintf(err, errlen,
		 "vm backend: %s was built for kernel '%.60s', the guest boots %s: rebuild "
		 "it with -DKDIR=/usr/src/linux-headers-%s, or pass the matching "
		 "--vm-kernel",
		 v->module, vermagic, v->kver, v->kver);
	return -1;
}

/* What meta.json says about the vm backend before it boots. */
static void sb_vm_check_details(struct sb_backend *b, json_t *details,
				const char *vermagic)
{
	const struct sb_backend_opts *o = b->opts;
	struct sb_vm *v = &sb_vm;
	char *qemu[] = { v->qemu, "--version", NULL };
	char qver[256];

	sb_first_line(qemu, qver, sizeof(qver));
	json_object_set_new(details, "qemu", json_string(v->qemu));
	json_object_set_new(details, "qemu_version", json_string(qver));
	json_object_set_new(details, "kernel_image", json_string(v->kernel));
	json_object_set_new(details, "kernel_version", json_string(v->kver));
	json_object_set_new(details, "module", json_string(v->module));
	json_object_set_new(details, "module_vermagic", json_string(vermagic));
	json_object_set_new(details, "cpus", json_integer(o->vm_cpus));
	json_object_set_new(details, "numa_nodes", json_integer(o->vm_numa));
	json_object_set_new(details, "mem_mib", json_integer(o->vm_mem_mib));
	json_object_set_new(details, "accel_requested",
			    json_string(o->vm_accel));
}

static int sb_vm_check(struct sb_backend *b, json_t *details, char *err,
		       size_t errlen)
{
	struct sb_vm *v = &sb_vm;
	char vermagic[256];

	memset(v, 0, sizeof(*v));
	v->data_fd = -1;
	if (sb_vm_find_qemu(v, err, errlen) ||
	    sb_vm_find_tools(v, err, errlen) ||
	    sb_vm_find_kernel(v, b->opts, err, errlen) ||
	    sb_vm_find_module(v, b->opts, err, errlen) ||
	    sb_vm_check_vermagic(v, vermagic, sizeof(vermagic), err, errlen))
		return -1;
	/*
	 * The guest cannot be asked before it boots: the module of this tree
	 * offers the catalogue's kernel rows (the guest runner checks it).
	 */
	sb_prim_set_side(&b->prims, SB_SIDE_KERNEL);
	sb_vm_check_details(b, details, vermagic);
	b->emulated = strcmp(b->opts->vm_accel, "kvm") != 0;
	return 0;
}

/* The file's last non-empty line that lacks skip (NULL: any), or "". */
static void sb_last_line_but(const char *file, const char *skip, char *out,
			     size_t len)
{
	FILE *f = fopen(file, "r");
	char line[512];

	*out = '\0';
	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		if (line[0] != '\n' && (!skip || !strstr(line, skip))) {
			line[strcspn(line, "\n")] = '\0';
			snprintf(out, len, "%s", line);
		}
	fclose(f);
}

static void sb_last_line(const char *file, char *out, size_t len)
{
	sb_last_line_but(file, NULL, out, len);
}

/* SIGKILL every descendant of pid (found through /proc), and pid if asked. */
static void sb_kill_tree(pid_t pid, int root)
{
	pid_t found[4096];
	int n = 1, i, grew = 1;

	found[0] = pid;
	while (grew) {
		DIR *d = opendir("/proc");
		struct dirent *e;

		grew = 0;
		while (d && (e = readdir(d)) && n < 4096) {
			char path[300], buf[512], *c;
			int pp = 0, self = atoi(e->d_name);
			FILE *f;

			if (self <= 0)
				continue;
			snprintf(path, sizeof(path), "/proc/%d/stat", self);
			f = fopen(path, "r");
			if (!f)
				continue;
			buf[0] = '\0';
			if (!fgets(buf, sizeof(buf), f))
				buf[0] = '\0';
			fclose(f);
			c = strrchr(buf, ')');
			if (!c || sscanf(c + 1, " %*c %d", &pp) != 1)
				continue;
			for (i = 0; i < n; i++)
				if (found[i] == self)
					break;
			if (i < n)
				continue;
			for (i = 0; i < n; i++)
				if (found[i] == pp) {
					found[n++] = self;
					grew = 1;
					break;
				}
		}
		if (d)
			closedir(d);
	}
	for (i = n - 1; i >= !root; i--)
		kill(found[i], SIGKILL);
}

/*
 * The child that runs kmod/vm/boot. boot starts qemu under timeout(1), which
 * makes a process group of its own, so neither a group kill nor boot's
 * death stops qemu. This supervisor does: it dies with the driver
 * (PR_SET_PDEATHSIG, even on SIGKILL) or on SIGTERM from stop(), and takes
 * the whole tree down with it. It is a child subreaper, so what boot leaves
 * behind is still its descendant, and has a process group of its own, so
 * a Ctrl-C reaches the driver only (which then stops it). Never returns.
 */
static void sb_vm_supervise(char *const argv[], const char *logfile,
			    pid_t parent, const char *tmp)
{
	sigset_t set;
	pid_t b;
	int sig, st;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	setpgid(0, 0);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)	/* the driver died before prctl */
		_exit(1);
	b = fork();
	if (b < 0)
		_exit(1);
	if (!b) {
		int fd = open(logfile, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		sigprocmask(SIG_UNBLOCK, &set, NULL);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execv(argv[0], argv);
		_exit(127);
	}
	for (;;) {
		if (sigwait(&set, &sig))
			continue;
		if (sig == SIGTERM) {
			sb_kill_tree(getpid(), 0);
			while (wait(&st) > 0)
				;
			/* The driver is gone: nobody else will clean up. */
			if (getppid() != parent)
				sb_rm_tree(tmp);
			_exit(143);
		}
		if (waitpid(b, &st, WNOHANG) == b) {
			sb_kill_tree(getpid(), 0);
			while (wait(NULL) > 0)
				;
			_exit(WIFEXITED(st) ? WEXITSTATUS(st) :
			      128 + WTERMSIG(st));
		}
	}
}

/* A file in this boot's temporary directory. */
static void sb_vm_tmp_path(const struct sb_vm *v, const char *name, char *out,
			   size_t len)
{
	snprintf(out, len, "%s/%s", v->tmp, name);
}

/* A point's own time in ms: its duration (1 s unless set) and warm-up. */
static long long sb_vm_point_ms(const char *config)
{
	const char *d = strstr(config, "duration_ms=");
	const char *w = strstr(config, "warmup_ms=");

	return (d ? atoll(d + 12) : 1000) + (w ? atoll(w + 10) : 0);
}

static int sb_vm_make_tmp(struct sb_vm *v, char *err, size_t errlen)
{
	const char *tmpdir = getenv("TMPDIR");

	snprintf(v->tmp, sizeof(v->tmp), "%s/syncbench-vm.XXXXXX",
		 tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (mkdtemp(v->tmp))
		return 0;
	snprintf(err, errlen, "cannot create a temporary directory: %s",
		 strerror(errno));
	return -1;
}

/*
 * The points file for these runs; *total_ms: how long the whole boot may
 * take (every point's own time, plus slack for TCG).
 */
static int sb_vm_write_points(struct sb_vm *v, const struct sb_task *tasks,
			      int ntasks, long long *total_ms, char *err,
			      size_t errlen)
{
	char pts[PATH_MAX + 16];
	FILE *f;
	int i;

	sb_vm_tmp_path(v, "points.txt", pts, sizeof(pts));
	f = fopen(pts, "w");
	if (!f) {
		snprintf(err, errlen, "cannot write %s: %s", pts,
			 strerror(errno));
		return -1;
	}
	*total_ms = SB_VM_BOOT_ALLOW_MS;
	for (i = 0; i < ntasks; i++) {
		const struct sb_point *p = tasks[i].point;

		sb_vm_points_write(f, p->id, tasks[i].repeat, p->config);
		*total_ms += sb_vm_point_ms(p->config) + 5000;
	}
	fclose(f);
	return 0;
}

/* Guest side: load the module, then the driver's guest runner. */
static int sb_vm_write_script(struct sb_vm *v, unsigned long long grace_ms,
			      char *err, size_t errlen)
{
	char script[PATH_MAX + 16];
	FILE *f;

	sb_vm_tmp_path(v, "guest.sh", script, sizeof(script));
	f = fopen(script, "w");
	if (!f) {
		snprintf(err, errlen, "cannot write %s", script);
		return -1;
	}
	fprintf(f,
		"out=${SB_DATA:-/dev/ttyS1}\n"
		"if ! insmod /syncbench.ko; then\n"
		"\techo \"" SB_VM_FRAME_ERROR
		"insmod syncbench.ko failed in the guest (see the console log)\" "
		"> \"$out\"\n"
		"\texit 1\n"
		"fi\n"
		"/bin/syncbench guest-run --points /points.txt --out \"$out\" --timeout-ms %llu\n"
		"rc=$?\n"
		"rmmod syncbench\n"
		"exit $rc\n", grace_ms);
	fclose(f);
	return 0;
}

/* kmod/vm/mkinitramfs: busybox, the module, this binary, the points. */
static int sb_vm_make_initrd(struct sb_vm *v, char *err, size_t errlen)
{
	char script[PATH_MAX + 16], initrd[PATH_MAX + 16], log[PATH_MAX + 16];
	char tool[PATH_MAX + 16], pts[PATH_MAX + 16], addp[PATH_MAX + 32];
	char exe[PATH_MAX], addb[PATH_MAX + 32], line[256];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *argv[] = { tool, "--out", initrd, "--init-script", script,
		"--module", v->module, "--add", addp, "--add-binary", addb,
		NULL };
	int rc;

	exe[n > 0 ? n : 0] = '\0';
	sb_vm_tmp_path(v, "guest.sh", script, sizeof(script));
	sb_vm_tmp_path(v, "initrd.cpio.gz", initrd, sizeof(initrd));
	sb_vm_tmp_path(v, "mkinitramfs.log", log, sizeof(log));
	sb_vm_tmp_path(v, "points.txt", pts, sizeof(pts));
	snprintf(tool, sizeof(tool), "%s/mkinitramfs", v->tools);
	snprintf(addp, sizeof(addp), "%s:/points.txt", pts);
	snprintf(addb, sizeof(addb), "%s:/bin/syncbench", exe);
	rc = sb_run_logged(argv, log);
	if (!rc)
		return 0;
	sb_last_line(log, line, sizeof(line));
	snprintf(err, errlen, "mkinitramfs failed (%d): %s", rc, line);
	return -1;
}

/* vm-console.log; a reboot keeps the log of the boot it replaces. */
static void sb_vm_console_path(struct sb_vm *v, const char *store_dir)
{
	if (v->boots)
		snprintf(v->console, sizeof(v->console),
			 "%s/vm-console.%d.log", store_dir, v->boots + 1);
	else
		snprintf(v->console, sizeof(v->console), "%s/vm-console.log",
			 store_dir);
}

/* kmod/vm/boot's arguments, and the strings they point into. */
struct sb_vm_boot_args {
	char tool[PATH_MAX + 16], initrd[PATH_MAX + 16], data[PATH_MAX + 16];
	char smp[16], numa[16], mem[16], tmo[32];
	char *argv[32];
};

static void sb_vm_boot_argv(struct sb_vm *v, const struct sb_backend_opts *o,
			    long long total_ms, struct sb_vm_boot_args *a)
{
	int n = 0;

	snprintf(a->tool, sizeof(a->tool), "%s/boot", v->tools);
	sb_vm_tmp_path(v, "initrd.cpio.gz", a->initrd, sizeof(a->initrd));
	sb_vm_tmp_path(v, "data", a->data, sizeof(a->data));
	snprintf(a->smp, sizeof(a->smp), "%d", o->vm_cpus);
	snprintf(a->numa, sizeof(a->numa), "%d", o->vm_numa);
	snprintf(a->mem, sizeof(a->mem), "%d", o->vm_mem_mib);
	snprintf(a->tmo, sizeof(a->tmo), "%lld", total_ms / 1000 + 60);
	a->argv[n++] = a->tool;
	a->argv[n++] = "--initrd";
	a->argv[n++] = a->initrd;
	a->argv[n++] = "--kernel";
	a->argv[n++] = v->kernel;
	a->argv[n++] = "--smp";
	a->argv[n++] = a->smp;
	if (o->vm_numa > 1) {
		a->argv[n++] = "--numa";
		a->argv[n++] = a->numa;
	}
	a->argv[n++] = "--mem";
	a->argv[n++] = a->mem;
	a->argv[n++] = "--accel";
	a->argv[n++] = (char *)o->vm_accel;
	a->argv[n++] = "--timeout";
	a->argv[n++] = a->tmo;
	a->argv[n++] = "--console-log";
	a->argv[n++] = v->console;
	a->argv[n++] = "--data-out";
	a->argv[n++] = a->data;
	a->argv[n++] = "--quiet";
	a->argv[n] = NULL;
}

/* Open the data port and start kmod/vm/boot under its supervisor. */
static int sb_vm_spawn(struct sb_vm *v, const struct sb_backend_opts *o,
		       long long total_ms, char *err, size_t errlen)
{
	struct sb_vm_boot_args a;
	char log[PATH_MAX + 16];
	pid_t parent = getpid();

	sb_vm_boot_argv(v, o, total_ms, &a);
	sb_vm_tmp_path(v, "boot.log", log, sizeof(log));
	/* The file exists before qemu starts, so we can open it now. */
	close(open(a.data, O_WRONLY | O_CREAT | O_TRUNC, 0644));
	v->data_fd = open(a.data, O_RDONLY | O_CLOEXEC);
	v->pid = fork();
	if (v->pid < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		return -1;
	}
	if (!v->pid)
		sb_vm_supervise(a.argv, log, parent, v->tmp);
	return 0;
}

static void sb_vm_announce(const struct sb_vm *v,
			   const struct sb_backend_opts *o, int ntasks)
{
	if (o->quiet)
		return;
	sb_errf("%svm: booting %s (%d CPUs, %d NUMA node%s, accel %s) %s %d runs; "
		"console: %s\n",
		v->boots > 1 && isatty(2) ? "\n" : "",
		v->kernel, o->vm_cpus, o->vm_numa,
		o->vm_numa == 1 ? "" : "s", o->vm_accel,
		v->boots > 1 ? "again for the remaining" : "once for",
		ntasks, v->console);
}

/* Build the initramfs for these runs and boot it (see the top). */
static int sb_vm_boot(struct sb_backend *b, const struct sb_task *tasks,
		      int ntasks, char *err, size_t errlen)
{
	struct sb_vm *v = &sb_vm;
	const struct sb_backend_opts *o = b->opts;
	long long total_ms;

	if (sb_vm_make_tmp(v, err, errlen) ||
	    sb_vm_write_points(v, tasks, ntasks, &total_ms, err, errlen) ||
	    sb_vm_write_script(v, o->timeout_ms, err, errlen) ||
	    sb_vm_make_initrd(v, err, errlen))
		goto fatal;
	sb_vm_console_path(v, o->store_dir);
	if (sb_vm_spawn(v, o, total_ms, err, errlen))
		goto fatal;
	v->boots++;
	v->first = 1;
	v->exited = 0;
	v->boot_runs = 0;
	v->boot_expected = ntasks;
	sb_vm_announce(v, o, ntasks);
	return 0;
fatal:
	snprintf(v->fatal, sizeof(v->fatal), "vm: %s", err);
	return -1;
}

static int sb_vm_start(struct sb_backend *b, const struct sb_task *tasks,
		       int ntasks, char *err, size_t errlen)
{
	struct sb_vm *v = &sb_vm;

	v->tasks = tasks;
	v->ntasks = ntasks;
	v->next = 0;
	return sb_vm_boot(b, tasks, ntasks, err, errlen);
}

/* Remove this boot's temporary directory, unless asked to keep it. */
static void sb_vm_drop_tmp(struct sb_vm *v)
{
	if (!*v->tmp || getenv("SYNCBENCH_KEEP_TMP"))
		return;
	if (sb_rm_tree(v->tmp))
		sb_errf("vm: could not remove %s: %s\n", v->tmp,
			strerror(errno));
}

/* Take the VM down and reap it; drop its data port and temporary files. */
static void sb_vm_halt(struct sb_vm *v)
{
	if (v->pid > 0 && !v->exited &&
	    waitpid(v->pid, &v->status, WNOHANG) != v->pid) {
		kill(v->pid, SIGTERM);
		waitpid(v->pid, &v->status, 0);
	}
	v->exited = 1;
	if (v->data_fd >= 0)
		close(v->data_fd);
	v->data_fd = -1;
	v->len = 0;
	if (v->buf)
		*v->buf = '\0';
	sb_vm_drop_tmp(v);
	*v->tmp = '\0';
}

/*
 * The VM hung or died during the run at index i after it had answered
 * before (so it boots and runs points): boot it again for the runs after i,
 * so one bad point costs one point, not the rest of the matrix. A VM that
 * never answered is not rebooted (the boot itself fails; every run would
 * wait for it again).
 */
static void sb_vm_reboot(struct sb_backend *b, int i)
{
	struct sb_vm *v = &sb_vm;
	char err[512];

	sb_vm_halt(v);
	if (i + 1 >= v->ntasks)
		return;
	*v->fatal = '\0';
	v->lost = 0;
	v->next = i + 1;
	if (sb_vm_boot(b, v->tasks + i + 1, v->ntasks - i - 1, err,
		       sizeof(err)))
		sb_errf("syncbench run: vm backend: %s\n", err);
}
/* Has the boot script exited? Reap it once. */
static int sb_vm_gone(struct sb_vm *v)
{
	if (!v->exited && v->pid > 0 &&
	    waitpid(v->pid, &v->status, WNOHANG) == v->pid)
		v->exited = 1;
	return v->exited;
}

/* Read what the data port has; 1 if anything new arrived. */
static int sb_vm_pull(struct sb_vm *v)
{
	char tmp[65536];
	ssize_t n;
	int got = 0;

	while ((n = read(v->data_fd, tmp, sizeof(tmp))) > 0) {
		if (v->len + (size_t)n + 1 > v->cap) {
			v->cap = (v->len + (size_t)n + 1) * 2;
			v->buf = realloc(v->buf, v->cap);
			if (!v->buf)
				abort();
		}
		memcpy(v->buf + v->len, tmp, (size_t)n);
		v->len += (size_t)n;
		v->buf[v->len] = '\0';
		got = 1;
	}
	return got;
}

static void sb_vm_consume(struct sb_vm *v, size_t n)
{
	memmove(v->buf, v->buf + n, v->len - n);
	v->len -= n;
	v->buf[v->len] = '\0';
}

static void sb_vm_accel_used(struct sb_backend *b)
{
	char errf[PATH_MAX + 16], line[256];
	FILE *f;

	if (strcmp(b->opts->vm_accel, "auto"))
		return;
	snprintf(errf, sizeof(errf), "%s/boot.log", sb_vm.tmp);
	f = fopen(errf, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, "--accel auto chose kvm"))
			b->emulated = 0;
		else if (strstr(line, "--accel auto chose tcg"))
			b->emulated = 1;
	fclose(f);
}

/* The guest's clock calibration, as its first record reports it. */
static json_t *sb_vm_calibration(const char *text)
{
	static const char *const keys[] = {
		"clock", "tsc_khz", "timestamp_ns", "harness_ns",
	};
	const char *pos = text, *end = text + strlen(text), *k, *val;
	json_t *c = json_object();
	size_t kl, vl, i;

	while (sb_kv_next(&pos, end, &k, &kl, &val, &vl))
		for (i = 0; i < SB_ARRAY_SIZE(keys); i++)
			if (strlen(keys[i]) == kl && !strncmp(k, keys[i], kl))
				json_object_set_new(c, keys[i],
						    json_stringn(val, vl));
	json_object_set_new(c, "source",
			    json_string("the guest's first record"));
	return c;
}

/* This run's place in the list start() was given (ntasks when not there). */
static int sb_vm_task_index(struct sb_vm *v, const struct sb_point *p,
			    int repeat)
{
	int i;

	for (i = v->next; i < v->ntasks; i++)
		if (v->tasks[i].point == p && v->tasks[i].repeat == repeat)
			break;
	if (i < v->ntasks)
		v->next = i + 1;
	return i;
}

/*
 * The guest's machine object. Its kernel has no config of its own in the
 * initramfs (no /proc/config.gz in Debian's, no /boot): the host's
 * /boot/config of the same release, the image the guest booted, stands in.
 */
static json_t *sb_vm_guest_machine(const char *text)
{
	json_t *m = json_loads(text, 0, NULL);
	const char *rel = json_string_value(json_object_get(m,
							    "kernel_release"));
	char path[512];

	if (!json_is_object(m)) {
		json_decref(m);
		return NULL;
	}
	if (rel && !strchr(rel, '/')) {
		snprintf(path, sizeof(path), "/boot/config-%s", rel);
		sb_machine_config_from(m, path, path);
	}
	return m;
}

/* What take_frame found when it has no result for this run. */
enum { SB_VM_NO_FRAME = 1, SB_VM_LOOK_AGAIN = 2 };

/*
 * The next frame for the run p #repeat: 0 with its record in *text, -1 with
 * the guest's reason; SB_VM_NO_FRAME when none has arrived, SB_VM_LOOK_AGAIN
 * when the frame made the VM fatal (@@error, or another run's frame).
 */
static int sb_vm_take_frame(struct sb_backend *b, const struct sb_point *p,
			    int repeat, char **text, char *reason,
			    size_t reasonlen)
{
	struct sb_vm *v = &sb_vm;
	struct sb_vm_frame f;

	if (!v->buf)
		return SB_VM_NO_FRAME;
	sb_vm_consume(v, sb_vm_frame_parse(v->buf, &f));
	while (f.kind == SB_VM_FRAME_CALIBRATION ||
	       f.kind == SB_VM_FRAME_MACHINE) {
		/* once per boot, before the first run: keep the first */
		if (f.kind == SB_VM_FRAME_MACHINE && !v->guest_machine)
			v->guest_machine = sb_vm_guest_machine(f.text);
		else if (f.kind == SB_VM_FRAME_CALIBRATION && !v->module_cal)
			v->module_cal = sb_kv_json(f.text);
		free(f.text);
		sb_vm_consume(v, sb_vm_frame_parse(v->buf, &f));
	}
	if (f.kind == SB_VM_FRAME_NONE)
		return SB_VM_NO_FRAME;
	if (f.kind == SB_VM_FRAME_FATAL) {
		snprintf(v->fatal, sizeof(v->fatal), "guest: %s", f.reason);
		return SB_VM_LOOK_AGAIN;
	}
	v->first = 0;
	v->runs++;
	v->boot_runs++;
	sb_vm_accel_used(b);
	if (strcmp(f.id, p->id) || f.repeat != repeat) {
		free(f.text);
		snprintf(v->fatal, sizeof(v->fatal),
			 "guest sent %s #%d where %s #%d was due", f.id,
			 f.repeat, p->id, repeat);
		return SB_VM_LOOK_AGAIN;
	}
	if (f.kind == SB_VM_FRAME_FAILURE) {
		snprintf(reason, reasonlen, "%s", f.reason);
		return -1;
	}
	if (!v->calibration)
		v->calibration = sb_vm_calibration(f.text);
	*text = f.text;
	return 0;
}

/*
 * The VM exited early: its status and why, in QEMU's or boot's own words
 * (the last line either wrote to boot.log, e.g. QEMU refusing an option),
 * so that the failed record says what the empty console log cannot.
 */
static void sb_vm_exit_reason(struct sb_vm *v)
{
	char log[PATH_MAX + 16], line[512];

	sb_vm_tmp_path(v, "boot.log", log, sizeof(log));
	sb_last_line_but(log, "--accel auto chose", line, sizeof(line));
	snprintf(v->fatal, sizeof(v->fatal),
		 "the VM exited (boot status %d) before this point finished%s%.240s; see %s",
		 WIFEXITED(v->status) ? WEXITSTATUS(v->status) :
		 128 + WTERMSIG(v->status), *line ? ": " : "", line,
		 v->console);
}

/*
 * Nothing to take yet: read the data port, notice an interrupt, a VM that
 * exited or a run past its deadline (each makes the VM fatal), else wait a
 * little. -1 when interrupted.
 */
static int sb_vm_idle(struct sb_backend *b, long long t0, long long deadline,
		      char *reason, size_t reasonlen)
{
	struct sb_vm *v = &sb_vm;

	if (sb_vm_pull(v))
		return 0;
	if (b->opts->stop && *b->opts->stop) {
		/* Interrupted: not a result; stop() takes the VM down. */
		snprintf(reason, reasonlen, "interrupted");
		return -1;
	}
	if (sb_vm_gone(v)) {
		/* Bytes written just before exit: one more look. */
		if (sb_vm_pull(v))
			return 0;
		v->lost = 1;
		sb_vm_exit_reason(v);
		return 0;
	}
	if (sb_now_ms() > deadline) {
		v->lost = 1;
		snprintf(v->fatal, sizeof(v->fatal),
			 "timeout: no record from the VM in %lld s; VM stopped, see %s",
			 (sb_now_ms() - t0 + 999) / 1000, v->console);
		kill(v->pid, SIGTERM);
		return 0;
	}
	usleep(50000);
	return 0;
}

/*
 * The VM is fatal: this run fails with its reason, and a VM that was lost
 * after it had answered is booted again for the runs after run i.
 */
static int sb_vm_fail_run(struct sb_backend *b, int i, int answered,
			  char *reason, size_t reasonlen)
{
	struct sb_vm *v = &sb_vm;

	snprintf(reason, reasonlen, "%s", v->fatal);
	if (v->lost && answered && i < v->ntasks &&
	    !(b->opts->stop && *b->opts->stop))
		sb_vm_reboot(b, i);
	return -1;
}

static int sb_vm_run_point(struct sb_backend *b, const struct sb_point *p,
			   int repeat, char **text, char *reason,
			   size_t reasonlen)
{
	struct sb_vm *v = &sb_vm;
	long long t0 = sb_now_ms();
	long long deadline = t0 + sb_vm_point_ms(p->config) +
		(long long)b->opts->timeout_ms + 10000 +
		(v->first ? SB_VM_BOOT_ALLOW_MS : 0);
	int i = sb_vm_task_index(v, p, repeat), answered = !v->first, rc;

	*text = NULL;
	for (;;) {
		if (*v->fatal)
			return sb_vm_fail_run(b, i, answered, reason,
					      reasonlen);
		rc = sb_vm_take_frame(b, p, repeat, text, reason, reasonlen);
		if (rc <= 0)
			return rc;
		if (rc == SB_VM_LOOK_AGAIN)
			continue;
		if (sb_vm_idle(b, t0, deadline, reason, reasonlen))
			return -1;
	}
}

static void sb_vm_stop(struct sb_backend *b, json_t *details)
{
	struct sb_vm *v = &sb_vm;
	long long deadline = sb_now_ms() + 60000;

	/*
	 * The guest powers off after its last point; give it a minute. When
	 * the run stopped early (interrupted, failed), stop it now.
	 */
	while (v->pid > 0 && v->boot_runs == v->boot_expected && !*v->fatal &&
	       !sb_vm_gone(v) && sb_now_ms() < deadline)
		usleep(100000);
	if (v->pid > 0 && !sb_vm_gone(v)) {
		kill(v->pid, SIGTERM);
		waitpid(v->pid, &v->status, 0);
		v->exited = 1;
	}
	sb_vm_accel_used(b);
	if (details) {
		json_object_set_new(details, "boots", json_integer(v->boots));
		json_object_set_new(details, "runs", json_integer(v->runs));
		json_object_set_new(details, "emulated",
				    json_boolean(b->emulated));
		json_object_set_new(details, "accel",
				    json_string(b->emulated ? "tcg" : "kvm"));
		json_object_set_new(details, "console_log",
				    json_string("vm-console.log"));
		if (v->calibration)
			json_object_set(details, "calibration",
					v->calibration);
		if (v->module_cal)
			json_object_set(details, "module_calibration",
					v->module_cal);
		json_object_set(details, "guest_machine", v->guest_machine ?
				v->guest_machine : json_null());
	}
	if (!b->opts->quiet && v->boots)
		sb_errf("vm: %d boot%s for %d runs\n", v->boots,
			v->boots == 1 ? "" : "s", v->runs);
	if (v->data_fd >= 0)
		close(v->data_fd);
	v->data_fd = -1;
	sb_vm_drop_tmp(v);
	free(v->buf);
	v->buf = NULL;
	v->len = v->cap = 0;
	json_decref(v->calibration);
	v->calibration = NULL;
}

struct sb_backend sb_backend_vm = {
	.name = "vm",
	.desc = &sb_backend_descs[2],
	.check = sb_vm_check,
	.start = sb_vm_start,
	.run_point = sb_vm_run_point,
	.stop = sb_vm_stop,
};
