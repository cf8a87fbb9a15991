// SPDX-License-Identifier: BSD-2-Clause
/*
 * Writes a newc cpio archive for an initramfs holding /dev, /dev/console
 * and /init (from the file named on the command line), owned by root,
 * without needing root or mknod.
 *   mkcpio INIT_BINARY > initramfs.cpio
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long ino = 1000;

static void pad4(unsigned long n)
{
	while (n++ % 4)
		putchar(0);
}

static void entry(const char *name, unsigned long mode, unsigned long rmaj,
		  unsigned long rmin, const unsigned char *data,
		  unsigned long size)
{
	unsigned long nlen = strlen(name) + 1;

	printf("070701%08lX%08lX%08lX%08lX%08lX%08lX%08lX%08lX%08lX%08lX%08lX%08lX%08lX",
	       ino++, mode, 0UL, 0UL, 1UL, 0UL, size, 0UL, 0UL, rmaj, rmin,
	       nlen, 0UL);
	fwrite(name, 1, nlen, stdout);
	pad4(110 + nlen);
	if (size)
		fwrite(data, 1, size, stdout);
	pad4(size);
}

int main(int argc, char **argv)
{
	FILE *f;
	unsigned char *buf;
	long size;

	if (argc != 2) {
		fprintf(stderr, "usage: %s INIT > initramfs.cpio\n", argv[0]);
		return 2;
	}
	f = fopen(argv[1], "rb");
	if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET)) {
		perror(argv[1]);
		return 1;
	}
	buf = malloc((size_t)size + 1);
	if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) {
		perror(argv[1]);
		return 1;
	}
	fclose(f);
	entry("dev", 040755, 0, 0, NULL, 0);
	entry("dev/console", 020600, 5, 1, NULL, 0);
	entry("init", 0100755, 0, 0, buf, (unsigned long)size);
	entry("TRAILER!!!", 0, 0, 0, NULL, 0);
	pad4(0);
	free(buf);
	return ferror(stdout) ? 1 : 0;
}
