// SPDX-License-Identifier: BSD-2-Clause
/*
 * Smallest possible /init for boot tests: no libc. Prints a line on the
 * console and powers the machine off with reboot(2), which Linux turns into
 * PSCI SYSTEM_OFF. With "initaction=reboot" on the kernel command line it
 * restarts instead (PSCI SYSTEM_RESET; run QEMU with -no-reboot), with
 * "initaction=hang" it just waits.
 */
#define NR_write	64
#define NR_exit		93
#define NR_reboot	142
#define NR_nanosleep	101
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
		}
	}
	say("rmm-model-test-init: running as PID 1\n");
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
