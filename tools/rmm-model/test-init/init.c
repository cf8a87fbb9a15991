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
 */
#define NR_read		63
#define NR_write	64
#define NR_exit		93
#define NR_reboot	142
#define NR_nanosleep	101
#define NR_mount	40
#define NR_mkdirat	34
#define NR_openat	56
#define NR_close	57
#define AT_FDCWD	-100
#define O_WRONLY	1
#define REBOOT_MAGIC1	0xfee1deadUL
#define REBOOT_MAGIC2	0x28121969UL
#define CMD_POWER_OFF	0x4321fedcUL
#define CMD_RESTART	0x01234567UL

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

static void say(const char *s)
{
	sys3(NR_write, 1, (long)s, (long)len(s));
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

	for (; *envp; envp++) {
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
	if (cmd == 1) {
		hotplug();
		cmd = CMD_POWER_OFF;
	}
	if (!cmd) {
		long ts[2] = { 1000, 0 };

		say("rmm-model-test-init: hanging\n");
		for (;;)
			sys3(NR_nanosleep, (long)ts, 0, 0);
	}
	say("rmm-model-test-init: ");
	say(what);
	say("\n");
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
