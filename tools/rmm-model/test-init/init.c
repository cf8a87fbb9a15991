// SPDX-License-Identifier: BSD-2-Clause
/*
 * Smallest possible /init for boot tests: no libc. Prints a line on the
 * console, the CPUs online (sysfs, "rmm-model-test-init: cpus online 0-3")
 * and powers the machine off with reboot(2), which Linux turns into
 * PSCI SYSTEM_OFF. With "initaction=reboot" on the kernel command line it
 * restarts instead (PSCI SYSTEM_RESET; run QEMU with -no-reboot), with
 * "initaction=hang" it just waits, with "initaction=hotplug" it first takes
 * CPU 1 offline and online again through sysfs (PSCI CPU_OFF, AFFINITY_INFO,
 * CPU_ON), then powers off.
 *
 * "initmem=T1,T2,..." (MiB) walks memory hotplug steps before powering off:
 * for each step it prints "mem step K: request +T MiB" (a harness answers by
 * resizing a virtio-mem device to T MiB, e.g. over QMP), waits until exactly
 * T MiB of memory blocks that were not there at boot are present and have
 * settled (all online, or no change for 2 s; "initmemquiet=MS" sets that
 * quiet time, for kernels that online slowly), and prints what it saw: MiB
 * present and online, the time taken, and MemTotal. "initonline=movable" or
 * "initonline=kernel" makes the init online new blocks itself through sysfs
 * (boot with the default memhp_default_state=offline) and time each write;
 * without it the kernel must online them (memhp_default_state=online...).
 * "initonline=M1,M2,..." (each "movable" or "kernel") chooses per step, the
 * last one for the steps after it.
 * "initmemfrom=0xADDR" (lower-case hex) counts every block from ADDR up as
 * hotplug memory, also blocks already there when the init starts (memory
 * plugged at boot). These lines go through /dev/kmsg, so they carry a
 * kernel timestamp.
 *
 * "initrmm=1" prints /sys/kernel/debug/arm_rmm/status at boot and after each
 * memory step, as "rmm-model-test-init: arm_rmm boot: LINE" and
 * "rmm-model-test-init: arm_rmm step K: LINE".
 *
 * "initiomem=1" prints /proc/iomem before powering off, every line as
 * "iomem: LINE" (reserved-memory boot tests: what is System RAM), then
 * "iomem: done" (the file may be long: one entry per no-map split).
 *
 * "initkmemleak=1" (debug kernels, CONFIG_DEBUG_KMEMLEAK) makes kmemleak
 * scan just before the power-off: the init writes "scan" to
 * /sys/kernel/debug/kmemleak twice, 5.5 s apart (a first scan only records
 * the checksum of an object it had not seen; the second reports objects
 * older than kmemleak's 5 s), prints every line of that file as
 * "rmm-model-test-init: kmemleak: LINE" (the kernel itself prints
 * "kmemleak: N new suspected memory leaks") and then one marker line,
 * "rmm-model-test-init: kmemleak scan done: N unreferenced", or
 * "rmm-model-test-init: kmemleak scan done: unavailable (errno E)".
 *
 * "initkexec=1" loads a one-page kexec image with kexec_load(2), and a
 * one-page crash image into the start of the "Crash kernel" range of
 * /proc/iomem (boot with crashkernel=), prints each result as
 * "rmm-model-test-init: kexec load: R" and "... kexec crash load: R" (R is 0
 * or "errno E", "no crash kernel range" when there is none) and unloads
 * what was loaded. Nothing is ever executed.
 */
#define NR_ioctl	29
#define TCSBRK		0x5409
#define NR_read		63
#define NR_write	64
#define NR_exit		93
#define NR_reboot	142
#define NR_nanosleep	101
#define NR_mount	40
#define NR_mkdirat	34
#define NR_openat	56
#define NR_close	57
#define NR_getdents64	61
#define NR_clock_gettime 113
#define AT_FDCWD	-100
#define O_WRONLY	1
#define REBOOT_MAGIC1	0xfee1deadUL
#define REBOOT_MAGIC2	0x28121969UL
#define CMD_POWER_OFF	0x4321fedcUL
#define CMD_RESTART	0x01234567UL
#define NR_kexec_load	104
#define KEXEC_ON_CRASH	1UL

static long sys3(long nr, long a, long b, long c)
{
	register long x8 __asm__("x8") = nr;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;

	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x8)
			 : "memory");
	return x0;
}

static long sys4(long nr, long a, long b, long c, long d)
{
	register long x8 __asm__("x8") = nr;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;

	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x3),
			 "r"(x8) : "memory");
	return x0;
}

static unsigned long len(const char *s)
{
	unsigned long n = 0;

	while (s[n])
		n++;
	return n;
}

/*
 * Output is line buffered: one write(2) per line, so that a line written to
 * /dev/kmsg is one record and kernel messages cannot split it.
 */
static long out_fd = 1;

static void say(const char *s)
{
	static char line[256];
	static long n;

	for (; *s; s++) {
		line[n++] = *s;
		if (*s == '\n' || n == sizeof(line)) {
			sys3(NR_write, out_fd, (long)line, n);
			n = 0;
		}
	}
}

static long sys5(long nr, long a, long b, long c, long d, long e)
{
	register long x8 __asm__("x8") = nr;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;
	register long x4 __asm__("x4") = e;

	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x3),
			 "r"(x4), "r"(x8) : "memory");
	return x0;
}

static void say_num(long v)
{
	char b[24];
	int i = 23;

	b[i] = '\0';
	if (v < 0)
		v = -v;
	do {
		b[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	say(b + i);
}

/* Write a string to a file; 0 or -errno. */
static long put_file(const char *path, const char *val)
{
	long fd = sys4(NR_openat, AT_FDCWD, (long)path, O_WRONLY, 0);
	long n;

	if (fd < 0)
		return fd;
	n = sys3(NR_write, fd, (long)val, (long)len(val));
	sys3(NR_close, fd, 0, 0);
	return n < 0 ? n : 0;
}

static int sysfs_mounted;

static int mount_sysfs(void)
{
	if (sysfs_mounted)
		return 0;
	sys3(NR_mkdirat, AT_FDCWD, (long)"/sys", 0755);
	if (sys5(NR_mount, (long)"sysfs", (long)"/sys", (long)"sysfs", 0, 0)) {
		say("rmm-model-test-init: mounting sysfs failed\n");
		return -1;
	}
	sysfs_mounted = 1;
	return 0;
}

/* "rmm-model-test-init: cpus online 0-3" from sysfs */
static void cpus_online(void)
{
	char buf[128];
	long fd, n, i;

	if (mount_sysfs())
		return;
	fd = sys4(NR_openat, AT_FDCWD, (long)"/sys/devices/system/cpu/online",
		  0, 0);
	if (fd < 0) {
		say("rmm-model-test-init: cannot open cpu/online\n");
		return;
	}
	n = sys3(NR_read, fd, (long)buf, sizeof(buf) - 1);
	sys3(NR_close, fd, 0, 0);
	if (n <= 0)
		n = 0;
	for (i = 0; i < n; i++)
		if (buf[i] == '\n')
			break;
	buf[i] = '\0';
	say("rmm-model-test-init: cpus online ");
	say(buf);
	say("\n");
}

static void hotplug(void)
{
	const char *cpu1 = "/sys/devices/system/cpu/cpu1/online";
	long err;

	if (mount_sysfs())
		return;
	err = put_file(cpu1, "0");
	if (err) {
		say("rmm-model-test-init: cpu1 offline FAILED, errno ");
		say_num(err);
		say("\n");
	} else {
		say("rmm-model-test-init: cpu1 offline ok\n");
	}
	err = put_file(cpu1, "1");
	if (err) {
		say("rmm-model-test-init: cpu1 online FAILED, errno ");
		say_num(err);
		say("\n");
	} else {
		say("rmm-model-test-init: cpu1 online ok\n");
	}
}

static long now_us(void)
{
	long ts[2];

	sys3(NR_clock_gettime, 1 /* CLOCK_MONOTONIC */, (long)ts, 0);
	return ts[0] * 1000000 + ts[1] / 1000;
}

static void sleep_ms(long ms)
{
	long ts[2] = { ms / 1000, (ms % 1000) * 1000000 };

	sys3(NR_nanosleep, (long)ts, 0, 0);
}

/* Read up to size - 1 bytes of a file, NUL terminated; bytes or -errno. */
static long get_file(const char *path, char *buf, long size)
{
	long fd = sys4(NR_openat, AT_FDCWD, (long)path, 0, 0);
	long n;

	if (fd < 0)
		return fd;
	n = sys3(NR_read, fd, (long)buf, size - 1);
	sys3(NR_close, fd, 0, 0);
	if (n < 0)
		return n;
	buf[n] = '\0';
	return n;
}

static int starts(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return 0;
	return 1;
}

static unsigned long parse_num(const char **sp, int base)
{
	const char *s = *sp;
	unsigned long v = 0;

	for (;; s++) {
		int d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else
			break;
		v = v * (unsigned long)base + (unsigned long)d;
	}
	*sp = s;
	return v;
}

static void say_kv(const char *key, long v)
{
	say(key);
	say_num(v);
}

#define MAX_BLOCKS	8192
static unsigned char boot_block[MAX_BLOCKS];	/* present at boot */
static unsigned char tried_block[MAX_BLOCKS];	/* init tried to online it */
static unsigned char seen_block[MAX_BLOCKS];	/* present in this scan */
static unsigned long block_mib;
static int mem_verbose;
static long mem_quiet_us = 2000000;	/* initmemquiet=: no change this long */
static unsigned long mem_from;	/* initmemfrom=: hotplug memory starts here */

struct mem_count {
	long present, online;	/* new blocks (not present at boot) */
	long fail;		/* init's online writes that failed */
	long online_us;		/* time spent in init's online writes */
};

static void block_path(char *p, unsigned long id, const char *file)
{
	const char *dir = "/sys/devices/system/memory/memory";
	char num[24];
	int i = 23, k = 0;

	num[i] = '\0';
	do {
		num[--i] = (char)('0' + id % 10);
		id /= 10;
	} while (id);
	while (*dir)
		p[k++] = *dir++;
	while (num[i])
		p[k++] = num[i++];
	p[k++] = '/';
	while (*file)
		p[k++] = *file++;
	p[k] = '\0';
}

/*
 * Walk /sys/devices/system/memory. With boot set, record the blocks there
 * now; else count the new ones, onlining offline ones when online_how is
 * set ("online_movable" / "online").
 */
static void mem_scan(int boot, const char *online_how, struct mem_count *c)
{
	static char dents[16384];
	char path[96], state[32];
	long fd, n, off;

	fd = sys4(NR_openat, AT_FDCWD, (long)"/sys/devices/system/memory",
		  0x4000 /* O_DIRECTORY (arm64) */, 0);
	if (fd < 0)
		return;
	while ((n = sys3(NR_getdents64, fd, (long)dents, sizeof(dents))) > 0) {
		for (off = 0; off < n;) {
			unsigned short reclen = *(unsigned short *)(dents + off + 16);
			const char *name = dents + off + 19;
			unsigned long id;

			off += reclen;
			if (!starts(name, "memory") || name[6] < '0' || name[6] > '9')
				continue;
			name += 6;
			id = parse_num(&name, 10);
			if (id >= MAX_BLOCKS)
				continue;
			if (boot) {
				/* with initmemfrom=, only blocks below it */
				if (!mem_from || id * (block_mib << 20) < mem_from)
					boot_block[id] = 1;
				continue;
			}
			if (boot_block[id])
				continue;
			seen_block[id] = 1;
			c->present++;
			block_path(path, id, "state");
			if (get_file(path, state, sizeof(state)) < 0)
				continue;
			if (starts(state, "online")) {
				c->online++;
				continue;
			}
			if (!online_how || tried_block[id])
				continue;
			tried_block[id] = 1;
			{
				long t0 = now_us(), err;

				err = put_file(path, online_how);
				c->online_us += now_us() - t0;
				if (err) {
					c->fail++;
					say("rmm-model-test-init: online memory");
					say_num((long)id);
					say(" failed, errno -");
					say_num(err);
					say("\n");
				} else {
					c->online++;
				}
				if (mem_verbose) {
					say_kv("rmm-model-test-init: online memory",
					       (long)id);
					say_kv(": ", now_us() - t0);
					say(" us\n");
				}
			}
		}
	}
	sys3(NR_close, fd, 0, 0);
	/* a block that went away may come back: online it again then */
	for (n = 0; n < MAX_BLOCKS; n++) {
		if (!seen_block[n])
			tried_block[n] = 0;
		seen_block[n] = 0;
	}
}

static long mem_total_kb(void)
{
	char buf[256];
	const char *p = buf;

	if (get_file("/proc/meminfo", buf, sizeof(buf)) <= 0 ||
	    !starts(buf, "MemTotal:"))
		return -1;
	p += 9;
	while (*p == ' ')
		p++;
	return (long)parse_num(&p, 10);
}

/* The "initmem=" steps; 0 on success, -1 after a timeout. */
/*
 * "initrmm=1": print /sys/kernel/debug/arm_rmm/status, the kernel's view
 * of the RMM, as "rmm-model-test-init: arm_rmm WHEN: LINE" (WHEN is "boot" or
 * "step K").
 */
static int rmm_dump_on;

static void rmm_dump_line(const char *when, long step, const char *line)
{
	say("rmm-model-test-init: arm_rmm ");
	say(when);
	if (step > 0)
		say_num(step);
	say(": ");
	say(line);
	say("\n");
}

/* Read all of fd into buf (size bytes, NUL-terminated); close fd */
static void read_all(long fd, char *buf, long size)
{
	long n, got = 0;

	while ((n = sys3(NR_read, fd, (long)buf + got, size - 1 - got)) > 0)
		got += n;
	sys3(NR_close, fd, 0, 0);
	buf[got] = '\0';
}

/* The line at *p, NUL-terminated in place; *p moves to the next one */
static char *next_line(char **p)
{
	char *line = *p, *q;

	for (q = line; *q && *q != '\n'; q++)
		;
	if (*q)
		*q++ = '\0';
	*p = q;
	return line;
}

static void rmm_dump(const char *when, long step)
{
	static char buf[128 * 1024];
	static int debugfs_mounted;
	long fd;
	char *p;

	if (!rmm_dump_on || mount_sysfs())
		return;
	if (!debugfs_mounted) {
		sys5(NR_mount, (long)"debugfs", (long)"/sys/kernel/debug",
		     (long)"debugfs", 0, 0);
		debugfs_mounted = 1;
	}
	fd = sys4(NR_openat, AT_FDCWD, (long)"/sys/kernel/debug/arm_rmm/status", 0, 0);
	if (fd < 0) {
		rmm_dump_line(when, step, "no file");
		return;
	}
	/* The file may be longer than one read: one line per range of memory */
	read_all(fd, buf, sizeof(buf));
	for (p = buf; *p;)
		rmm_dump_line(when, step, next_line(&p));
}

/* "initiomem=1": /proc/iomem, one "iomem: LINE" each, read in chunks */
static void iomem_dump(void)
{
	static char buf[64 * 1024 + 1];
	long fd, n, have = 0, i, start;

	sys3(NR_mkdirat, AT_FDCWD, (long)"/proc", 0555);
	sys5(NR_mount, (long)"proc", (long)"/proc", (long)"proc", 0, 0);
	fd = sys4(NR_openat, AT_FDCWD, (long)"/proc/iomem", 0, 0);
	if (fd < 0) {
		say("iomem: cannot open /proc/iomem\n");
		return;
	}
	while ((n = sys3(NR_read, fd, (long)buf + have,
			 (long)sizeof(buf) - 1 - have)) > 0) {
		have += n;
		for (start = 0, i = 0; i < have; i++) {
			if (buf[i] != '\n')
				continue;
			buf[i] = '\0';
			say("iomem: ");
			say(buf + start);
			say("\n");
			start = i + 1;
		}
		/* keep the partial last line */
		for (i = 0; start + i < have; i++)
			buf[i] = buf[start + i];
		have = i;
	}
	sys3(NR_close, fd, 0, 0);
	say("iomem: done\n");
}

/* "initkmemleak=1": one kmemleak scan, its report printed, before power-off */
static void kmemleak_scan(void)
{
	static char buf[64 * 1024];
	const char *f = "/sys/kernel/debug/kmemleak";
	long fd, objs = 0, shown = 0, err, start, left;
	char *p, *q;

	if (mount_sysfs())
		return;
	sys5(NR_mount, (long)"debugfs", (long)"/sys/kernel/debug",
	     (long)"debugfs", 0, 0);
	/*
	 * Two scans: the first one only records the checksum of objects it
	 * has not seen before (a changed object is never reported), the
	 * second one reports those left unreferenced and unchanged. Objects
	 * younger than 5 s are never reported, so the second scan starts
	 * 5.5 s after the first one did; the first one takes part of that.
	 */
	start = now_us();
	err = put_file(f, "scan");
	left = 5500 - (now_us() - start) / 1000;
	if (!err && left > 0)
		sleep_ms(left);
	if (!err)
		err = put_file(f, "scan");
	if (err) {
		say_kv("rmm-model-test-init: kmemleak scan done: unavailable (errno ", -err);
		say(")\n");
		return;
	}
	fd = sys4(NR_openat, AT_FDCWD, (long)f, 0, 0);
	buf[0] = '\0';
	if (fd >= 0)
		read_all(fd, buf, sizeof(buf));
	for (q = buf; *q;) {
		p = next_line(&q);
		if (starts(p, "unreferenced object"))
			objs++;
		/* the first objects in full; then only their first lines */
		if (shown < 200 || starts(p, "unreferenced object")) {
			say("rmm-model-test-init: kmemleak: ");
			say(p);
			say("\n");
			shown++;
		}
	}
	say_kv("rmm-model-test-init: kmemleak scan done: ", objs);
	say(" unreferenced\n");
}

/* The zone of step @step (from 1) in "movable,kernel,...", NULL if none */
static const char *step_online(const char *list, long step)
{
	const char *p = list, *how = 0;

	while (p && *p && step-- > 0) {
		how = starts(p, "movable") ? "online_movable" : "online_kernel";
		while (*p && *p != ',')
			p++;
		if (*p == ',' && step > 0)
			p++;
	}
	return how;
}

static int mem_steps(const char *steps, const char *online_how,
		     const char *online_list)
{
	char buf[32];
	const char *p;
	long step = 0, bs, fd;

	if (mount_sysfs())
		return -1;
	sys3(NR_mkdirat, AT_FDCWD, (long)"/proc", 0555);
	sys5(NR_mount, (long)"proc", (long)"/proc", (long)"proc", 0, 0);
	/*
	 * From here on print through /dev/kmsg (not rate limited): the
	 * kernel's hotplug messages would otherwise cut into our lines on the
	 * shared console.
	 */
	sys3(NR_mkdirat, AT_FDCWD, (long)"/dev", 0755);
	sys5(NR_mount, (long)"devtmpfs", (long)"/dev", (long)"devtmpfs", 0, 0);
	put_file("/proc/sys/kernel/printk_devkmsg", "on\n");
	fd = sys4(NR_openat, AT_FDCWD, (long)"/dev/kmsg", O_WRONLY, 0);
	if (fd >= 0)
		out_fd = fd;
	p = buf;
	if (get_file("/sys/devices/system/memory/block_size_bytes", buf,
		     sizeof(buf)) <= 0) {
		say("rmm-model-test-init: no memory hotplug in this kernel\n");
		return -1;
	}
	bs = (long)parse_num(&p, 16);
	block_mib = (unsigned long)bs >> 20;
	mem_scan(1, 0, 0);
	say_kv("rmm-model-test-init: mem block ", (long)block_mib);
	say_kv(" MiB, MemTotal ", mem_total_kb());
	say(" kB\n");

	for (p = steps; *p;) {
		long target = (long)parse_num(&p, 10), t0, tlast, last_on = -1;
		long last_pr = -1, online_us = 0, fails = 0;
		struct mem_count c;

		if (*p == ',')
			p++;
		else if (*p)
			break;
		step++;
		if (online_list)
			online_how = step_online(online_list, step);
		say_kv("rmm-model-test-init: mem step ", step);
		say_kv(": request +", target);
		say(" MiB\n");
		t0 = tlast = now_us();
		for (;;) {
			long now;

			c = (struct mem_count){ 0 };
			mem_scan(0, online_how, &c);
			online_us += c.online_us;
			fails += c.fail;
			now = now_us();
			if (c.present != last_pr || c.online != last_on ||
			    (mem_verbose > 1 && (now - t0) % 1000000 < 10000)) {
				if (mem_verbose) {
					say_kv("rmm-model-test-init: mem +", c.present * (long)block_mib);
					say_kv(" MiB present, +", c.online * (long)block_mib);
					say_kv(" MiB online at ", (now - t0) / 1000);
					say(" ms\n");
				}
				last_pr = c.present;
				last_on = c.online;
				tlast = now;
			}
			if (c.present * (long)block_mib == target &&
			    (c.online == c.present || now - tlast > mem_quiet_us))
				break;
			if (now - t0 > 120000000) {
				say_kv("rmm-model-test-init: mem step ", step);
				say(": TIMEOUT");
				break;
			}
			sleep_ms(10);
		}
		if (c.present * (long)block_mib == target) {
			say_kv("rmm-model-test-init: mem step ", step);
			say(":");
		}
		say_kv(" present +", c.present * (long)block_mib);
		say_kv(" MiB, online +", c.online * (long)block_mib);
		say_kv(" MiB, failed ", fails);
		say_kv(", settled_ms ", (tlast - t0) / 1000);
		say_kv(", online_us ", online_us);
		say_kv(", MemTotal ", mem_total_kb());
		say(" kB\n");
		rmm_dump("step ", step);
		if (c.present * (long)block_mib != target)
			return -1;
	}
	say("rmm-model-test-init: mem steps done\n");
	return 0;
}

static int is(const char *a, const char *b);

struct kexec_segment {
	const void *buf;
	unsigned long bufsz;
	unsigned long mem;
	unsigned long memsz;
};

/* One page loaded at mem with kexec_load(2); prints the result, unloads */
static void kexec_try(const char *what, unsigned long mem, unsigned long flags)
{
	static char page[4096];
	struct kexec_segment seg = { page, sizeof(page), mem, sizeof(page) };
	long r = sys4(NR_kexec_load, (long)mem, 1, (long)&seg, (long)flags);

	say("rmm-model-test-init: ");
	say(what);
	say(": ");
	if (r)
		say("errno ");
	say_num(r);
	say("\n");
	if (!r)
		sys4(NR_kexec_load, 0, 0, 0, (long)flags);
}

/* The start of "Crash kernel" in /proc/iomem, or 0 */
static unsigned long crash_kernel_start(void)
{
	static char buf[64 * 1024];
	static const char tag[] = " : Crash kernel";
	const char *q;
	char *p, *line;
	long fd;

	sys3(NR_mkdirat, AT_FDCWD, (long)"/proc", 0555);
	sys5(NR_mount, (long)"proc", (long)"/proc", (long)"proc", 0, 0);
	fd = sys4(NR_openat, AT_FDCWD, (long)"/proc/iomem", 0, 0);
	if (fd < 0)
		return 0;
	read_all(fd, buf, sizeof(buf));
	for (p = buf; *p;) {
		line = next_line(&p);
		for (q = line; *q == ' '; q++)
			;
		if (len(q) > len(tag) && is(q + len(q) - len(tag), tag))
			return parse_num(&q, 16);
	}
	return 0;
}

/* "initkexec=1": kexec_load(2) of an image and of a crash image */
static void kexec_loads(void)
{
	unsigned long crash = crash_kernel_start();

	kexec_try("kexec load", 0x48000000UL, 0);
	if (crash)
		kexec_try("kexec crash load", crash, KEXEC_ON_CRASH);
	else
		say("rmm-model-test-init: kexec crash load: no crash kernel range\n");
}

static int is(const char *a, const char *b)
{
	while (*b && *a == *b) {
		a++;
		b++;
	}
	return !*b && !*a;
}

void init_main(long argc, char **argv)
{
	char **envp = argv + argc + 1;
	unsigned long cmd = CMD_POWER_OFF;
	const char *what = "power off";
	const char *mem = 0, *online_how = 0, *online_list = 0;
	int leak_scan = 0, kexec = 0, iomem = 0;

	for (; *envp; envp++) {
		if (starts(*envp, "initmem="))
			mem = *envp + 8;
		else if (is(*envp, "initonline=movable"))
			online_how = "online_movable";
		else if (starts(*envp, "initmemquiet=")) {
			const char *v = *envp + 13;

			mem_quiet_us = (long)parse_num(&v, 10) * 1000;
		} else if (starts(*envp, "initmemfrom=0x")) {
			const char *v = *envp + 14;

			mem_from = parse_num(&v, 16);
		} else if (is(*envp, "initrmm=1"))
			rmm_dump_on = 1;
		else if (is(*envp, "initiomem=1"))
			iomem = 1;
		else if (is(*envp, "initkmemleak=1"))
			leak_scan = 1;
		else if (is(*envp, "initkexec=1"))
			kexec = 1;
		else if (is(*envp, "initmemverbose=1"))
			mem_verbose = 1;
		else if (is(*envp, "initmemverbose=2"))
			mem_verbose = 2;
		else if (is(*envp, "initonline=kernel"))
			online_how = "online";
		else if (starts(*envp, "initonline="))
			online_list = *envp + 11;
		if (is(*envp, "initaction=reboot")) {
			cmd = CMD_RESTART;
			what = "restart";
		} else if (is(*envp, "initaction=hang")) {
			cmd = 0;
		} else if (is(*envp, "initaction=hotplug")) {
			cmd = 1;
		}
	}
	say("rmm-model-test-init: running as PID 1\n");
	cpus_online();
	rmm_dump("boot", 0);
	if (cmd == 1) {
		hotplug();
		cmd = CMD_POWER_OFF;
	}
	if (mem)
		mem_steps(mem, online_how, online_list);
	if (kexec)
		kexec_loads();
	if (leak_scan)
		kmemleak_scan();
	if (iomem)
		iomem_dump();
	if (!cmd) {
		long ts[2] = { 1000, 0 };

		say("rmm-model-test-init: hanging\n");
		for (;;)
			sys3(NR_nanosleep, (long)ts, 0, 0);
	}
	say("rmm-model-test-init: ");
	say(what);
	say("\n");
	/*
	 * tcdrain(): the console's output may still sit in the tty's buffer,
	 * and reboot(2) does not wait for it (a loaded host lost every line)
	 */
	sys3(NR_ioctl, 1, TCSBRK, 1);
	sys4(NR_reboot, (long)REBOOT_MAGIC1, (long)REBOOT_MAGIC2, (long)cmd, 0);
	say("rmm-model-test-init: reboot(2) returned\n");
	sys3(NR_exit, 1, 0, 0);
	for (;;)
		;
}

/* Entry: sp -> argc, argv[], NULL, envp[], NULL */
__asm__(
"	.text\n"
"	.global _start\n"
"_start:\n"
"	ldr	x0, [sp]\n"
"	add	x1, sp, #8\n"
"	bl	init_main\n"
"	b	.\n");
