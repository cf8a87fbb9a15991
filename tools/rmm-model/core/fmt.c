// SPDX-License-Identifier: BSD-2-Clause
/*
 * Minimal formatted output for the firmware console: %s %c %d %i %u %x %X
 * %p %%, with 'l', 'll', 'z' length modifiers, a field width and '0' or
 * '-' flags. Enough for diagnostics; nothing else.
 */
#include "core.h"

struct sink {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct sink *s, char c)
{
	if (s->len + 1 < s->size)
		s->buf[s->len] = c;
	s->len++;
}

static void put_num(struct sink *s, uint64_t v, unsigned int base, bool upper,
		    bool neg, unsigned int width, char pad, bool left)
{
	char tmp[24];
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	unsigned int n = 0, total;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	total = n + (neg ? 1 : 0);
	if (!left && pad == '0' && neg)
		put(s, '-');
	if (!left)
		for (; total < width; total++)
			put(s, pad);
	if (!(pad == '0' && !left) && neg)
		put(s, '-');
	while (n)
		put(s, tmp[--n]);
	if (left)
		for (; total < width; total++)
			put(s, ' ');
}

int fw_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink s = { buf, size, 0 };

	for (; *fmt; fmt++) {
		unsigned int width = 0, lng = 0;
		char pad = ' ';
		bool left = false;

		if (*fmt != '%') {
			put(&s, *fmt);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '0')
				pad = '0';
			else if (*fmt == '-')
				left = true;
			else
				break;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (unsigned int)(*fmt++ - '0');
		while (*fmt == 'l' || *fmt == 'z') {
			lng = (*fmt == 'z') ? 2 : lng + 1;
			fmt++;
		}
		switch (*fmt) {
		case 's': {
			const char *str = va_arg(ap, const char *);
			unsigned int n;

			if (!str)
				str = "(null)";
			n = (unsigned int)fw_strlen(str);
			if (!left)
				for (; n < width; n++)
					put(&s, ' ');
			while (*str)
				put(&s, *str++);
			if (left)
				for (; n < width; n++)
					put(&s, ' ');
			break;
		}
		case 'c':
			put(&s, (char)va_arg(ap, int));
			break;
		case 'd':
		case 'i': {
			int64_t v;

			if (lng)
				v = va_arg(ap, long long);
			else
				v = va_arg(ap, int);
			put_num(&s, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v,
				10, false, v < 0, width, pad, left);
			break;
		}
		case 'u':
		case 'x':
		case 'X': {
			uint64_t v;

			if (lng)
				v = va_arg(ap, unsigned long long);
			else
				v = va_arg(ap, unsigned int);
			put_num(&s, v, *fmt == 'u' ? 10 : 16, *fmt == 'X', false,
				width, pad, left);
			break;
		}
		case 'p':
			put(&s, '0');
			put(&s, 'x');
			put_num(&s, (uint64_t)(uintptr_t)va_arg(ap, void *), 16,
				false, false, 0, ' ', false);
			break;
		case '%':
			put(&s, '%');
			break;
		case '\0':
			fmt--;
			break;
		default:
			put(&s, '%');
			put(&s, *fmt);
			break;
		}
	}
	if (size)
		buf[s.len < size ? s.len : size - 1] = '\0';
	return (int)s.len;
}

int fw_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fw_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void fw_printf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	const char *p;

	va_start(ap, fmt);
	fw_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	for (p = buf; *p; p++) {
		if (*p == '\n')
			plat_putc('\r');
		plat_putc(*p);
	}
}

size_t fw_strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

bool fw_streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

bool fw_strneq(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (a[i] != b[i])
			return false;
		if (!a[i])
			return true;
	}
	return true;
}

/*
 * Word-at-a-time helpers for the per-granule state arrays (one byte per
 * 4 KiB granule, 256 KiB per GiB): bytes up to an 8-byte boundary, then
 * aligned 64-bit words, then the tail. Aligned accesses only (the EL3 MMU
 * may still be off, -mstrict-align).
 */
typedef uint64_t __attribute__((may_alias)) fw_word;

#define ONES	0x0101010101010101ULL
#define HIGHS	0x8080808080808080ULL

/* Some byte of w is zero. */
static bool word_has_zero(uint64_t w)
{
	return ((w - ONES) & ~w & HIGHS) != 0;
}

static bool aligned8(const void *p)
{
	return ((uintptr_t)p & 7) == 0;
}

void fw_memset(void *p, int c, size_t n)
{
	unsigned char *d = p;
	uint64_t pat = (uint64_t)(unsigned char)c * ONES;

	for (; n && !aligned8(d); n--)
		*d++ = (unsigned char)c;
	for (; n >= 8; n -= 8, d += 8)
		*(fw_word *)d = pat;
	while (n--)
		*d++ = (unsigned char)c;
}

size_t fw_memspan(const void *p, int c, size_t n)
{
	const unsigned char *s = p, *e = s + n;
	unsigned char v = (unsigned char)c;
	uint64_t pat = v * ONES;

	for (; s < e && !aligned8(s); s++)
		if (*s != v)
			return (size_t)(s - (const unsigned char *)p);
	for (; e - s >= 8 && *(const fw_word *)s == pat; s += 8)
		;
	for (; s < e && *s == v; s++)
		;
	return (size_t)(s - (const unsigned char *)p);
}

size_t fw_memchr2(const void *p, int a, int b, size_t n)
{
	const unsigned char *s = p, *e = s + n;
	unsigned char x = (unsigned char)a, y = (unsigned char)b;
	uint64_t px = x * ONES, py = y * ONES, w;

	for (; s < e && !aligned8(s); s++)
		if (*s == x || *s == y)
			return (size_t)(s - (const unsigned char *)p);
	for (; e - s >= 8; s += 8) {
		w = *(const fw_word *)s;
		if (word_has_zero(w ^ px) || word_has_zero(w ^ py))
			break;
	}
	for (; s < e && *s != x && *s != y; s++)
		;
	return (size_t)(s - (const unsigned char *)p);
}

void fw_memcpy(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	while (n--)
		*dp++ = *sp++;
}
