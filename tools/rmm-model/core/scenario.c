// SPDX-License-Identifier: BSD-2-Clause
/*
 * Scenario string: "key=value" items separated by ';', ' ' or ','.
 * See README.md for the keys.
 */
#include "rmm.h"

static const struct {
	uint32_t func;
	const char *name;
} rmi_names[] = {
	{ RMI_VERSION, "version" },
	{ RMI_FEATURES, "features" },
	{ RMI_RMM_CONFIG_SET, "config_set" },
	{ RMI_RMM_CONFIG_GET, "config_get" },
	{ RMI_GRANULE_TRACKING_GET, "tracking_get" },
	{ RMI_GRANULE_TRACKING_SET, "tracking_set" },
	{ RMI_GRANULE_RANGE_DELEGATE, "delegate" },
	{ RMI_GRANULE_RANGE_UNDELEGATE, "undelegate" },
	{ RMI_GPT_L1_CREATE, "l1_create" },
	{ RMI_GPT_L1_DESTROY, "l1_destroy" },
	{ RMI_RMM_ACTIVATE, "activate" },
	{ RMI_OP_CONTINUE, "op_continue" },
	{ RMI_OP_MEM_DONATE, "op_mem_donate" },
	{ RMI_OP_MEM_RECLAIM, "op_mem_reclaim" },
	{ RMI_OP_CANCEL, "op_cancel" },
	{ RMI_RMM_DEACTIVATE, "deactivate" },
	{ RMI_GPT_INFO, "gpt_info" },
};

static const char *const status_names[] = {
	"success", "error_input", "error_realm", "error_rec", "error_rtt",
	"error_not_supported", "error_device", "error_rtt_aux",
	"error_psmmu_st", "error_dpt", "busy", "error_global",
	"error_tracking", "incomplete", "blocked", "error_gpt",
	"error_granule",
};

const char *rmi_name(uint32_t func)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(rmi_names); i++)
		if (rmi_names[i].func == func)
			return rmi_names[i].name;
	return NULL;
}

void scenario_defaults(struct rmm_scenario *sc)
{
	fw_memset(sc, 0, sizeof(*sc));
	sc->enabled = true;
	sc->gpt = GPT_MODE_PLAT;
	sc->pps = 2;			/* 1 TiB */
	sc->need_activate = true;
	sc->ver_lo = 0x20000;
	sc->ver_hi = 0x20000;
	sc->tracking_pages = TRK_PAGES_AUTO;
	sc->profile = &rmm_profiles[0];
}

int parse_u64(const char *s, size_t len, uint64_t *out)
{
	uint64_t v = 0;
	unsigned int base = 10;
	size_t i = 0;

	if (len == 0)
		return -1;
	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	for (; i < len; i++) {
		unsigned int d;
		char c = s[i];

		if (c >= '0' && c <= '9')
			d = (unsigned int)(c - '0');
		else if (base == 16 && c >= 'a' && c <= 'f')
			d = (unsigned int)(c - 'a' + 10);
		else if (base == 16 && c >= 'A' && c <= 'F')
			d = (unsigned int)(c - 'A' + 10);
		else
			return -1;
		if (v > (UINT64_MAX - d) / base)
			return -1;
		v = v * base + d;
	}
	*out = v;
	return 0;
}

int parse_size(const char *s, size_t len, uint64_t *out)
{
	unsigned int shift = 0;
	uint64_t v;

	if (len > 1) {
		switch (s[len - 1]) {
		case 'K': case 'k': shift = 10; break;
		case 'M': case 'm': shift = 20; break;
		case 'G': case 'g': shift = 30; break;
		default: break;
		}
	}
	if (shift)
		len--;
	if (parse_u64(s, len, &v))
		return -1;
	if (shift && v > (UINT64_MAX >> shift))
		return -1;
	*out = v << shift;
	return 0;
}

static bool word_is(const char *s, size_t len, const char *w)
{
	return fw_strlen(w) == len && fw_strneq(s, w, len);
}

static int parse_func(const char *s, size_t len, uint32_t *func)
{
	uint64_t v;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(rmi_names); i++) {
		if (word_is(s, len, rmi_names[i].name)) {
			*func = rmi_names[i].func;
			return 0;
		}
	}
	if (parse_u64(s, len, &v))
		return -1;
	v &= 0xffff;		/* accept a full FID too */
	if (v < RMI_FUNC_FIRST || v >= RMI_FUNC_FIRST + RMI_FUNC_COUNT)
		return -1;
	*func = (uint32_t)v;
	return 0;
}

static int parse_status(const char *s, size_t len, uint64_t *st)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(status_names); i++) {
		if (word_is(s, len, status_names[i])) {
			*st = i;
			return 0;
		}
	}
	if (word_is(s, len, "smccc_not_supported") || word_is(s, len, "-1")) {
		*st = (uint64_t)-1;
		return 0;
	}
	return parse_u64(s, len, st);
}

/* "2.0" or 0x20000 */
static int parse_version(const char *s, size_t len, uint32_t *v)
{
	size_t i;
	uint64_t maj, min;

	for (i = 0; i < len; i++) {
		if (s[i] == '.') {
			if (parse_u64(s, i, &maj) ||
			    parse_u64(s + i + 1, len - i - 1, &min) ||
			    maj > 0x7fff || min > 0xffff)
				return -1;
			*v = (uint32_t)((maj << 16) | min);
			return 0;
		}
	}
	if (parse_u64(s, len, &maj) || maj > 0x7fffffff)
		return -1;
	*v = (uint32_t)maj;
	return 0;
}

/* coarse=FIRST[-LAST][,FIRST[-LAST]...]: tracking-region numbers */
static int parse_coarse(const char *v, size_t vlen, struct rmm_scenario *sc)
{
	size_t i = 0;

	while (i < vlen) {
		size_t e = i, d;
		uint64_t first, last;

		while (e < vlen && v[e] != ',')
			e++;
		for (d = i; d < e && v[d] != '-'; d++)
			;
		if (parse_u64(v + i, d - i, &first))
			return -1;
		last = first;
		if (d < e && parse_u64(v + d + 1, e - d - 1, &last))
			return -1;
		if (last < first || sc->ncoarse == RMM_MAX_COARSE)
			return -1;
		sc->coarse_first[sc->ncoarse] = first;
		sc->coarse_last[sc->ncoarse++] = last;
		i = e + 1;
	}
	return 0;
}

/* A knob that takes one of two words: @no sets *@out false, @yes true */
static int parse_flag(const char *v, size_t vlen, const char *no,
		      const char *yes, bool *out)
{
	if (word_is(v, vlen, no))
		*out = false;
	else if (word_is(v, vlen, yes))
		*out = true;
	else
		return -1;
	return 0;
}

/* profile=NAME: the row of profile.c and the knob defaults it implies */
static int parse_profile(const char *v, size_t vlen, struct rmm_scenario *sc)
{
	const struct rmm_profile *p = rmm_profile_find(v, vlen);

	if (!p)
		return -1;
	sc->profile = p;
	if (p->gpt >= 0)
		sc->gpt = (enum gpt_mode)p->gpt;
	if (p->pps >= 0)
		sc->pps = (unsigned int)p->pps;
	if (p->flags & PROF_TRACKING_SET)
		sc->tracking_set = true;
	if (p->flags & PROF_NO_TRACKING_SET)
		sc->tracking_set = false;
	return 0;
}

static const char *const badreq_names[] = {
	[BADREQ_COUNT0] = "count0", [BADREQ_SIZE3] = "size3",
	[BADREQ_HUGE] = "huge", [BADREQ_RECLAIM] = "reclaim",
};

static const struct {
	uint32_t flag;
	const char *name;
} adv_names[] = {
	{ ADV_GARBAGE, "garbage" },
	{ ADV_OVERCONSUME, "overconsume" },
	{ ADV_RECLAIM_BOGUS, "reclaim_bogus" },
	{ ADV_RECLAIM_TWICE, "reclaim_twice" },
	{ ADV_VERSION_FLIP, "version_flip" },
};

/*
 * adversary=ITEM[,ITEM...]: garbage overconsume reclaim_bogus
 * reclaim_twice version_flip busy:CMD badreq:CMD:KIND
 */
static int parse_adversary(const char *v, size_t vlen, struct rmm_scenario *sc)
{
	size_t i = 0, j;

	while (i < vlen) {
		size_t e = i, c;

		while (e < vlen && v[e] != ',')
			e++;
		for (c = i; c < e && v[c] != ':'; c++)
			;
		for (j = 0; j < ARRAY_SIZE(adv_names); j++)
			if (word_is(v + i, e - i, adv_names[j].name))
				break;
		if (j < ARRAY_SIZE(adv_names)) {
			sc->adversary |= adv_names[j].flag;
		} else if (word_is(v + i, c - i, "busy") && c < e) {
			if (parse_func(v + c + 1, e - c - 1, &sc->adv_busy_func))
				return -1;
			sc->adversary |= ADV_BUSY;
		} else if (word_is(v + i, c - i, "badreq") && c < e) {
			size_t d;

			for (d = c + 1; d < e && v[d] != ':'; d++)
				;
			if (d == e || parse_func(v + c + 1, d - c - 1,
						 &sc->adv_badreq_func))
				return -1;
			for (j = 0; j < ARRAY_SIZE(badreq_names); j++)
				if (word_is(v + d + 1, e - d - 1, badreq_names[j]))
					break;
			if (j == ARRAY_SIZE(badreq_names))
				return -1;
			sc->adv_badreq = (enum adv_badreq)j;
			sc->adversary |= ADV_BADREQ;
		} else if (!word_is(v + i, e - i, "none")) {
			return -1;
		}
		i = e + 1;
	}
	return 0;
}

/* The adversary= list as the ledger prints it ("none" if empty). */
void scenario_adversary_str(const struct rmm_scenario *sc, char *buf,
			    size_t len)
{
	size_t n = 0, j;

	buf[0] = '\0';
	for (j = 0; j < ARRAY_SIZE(adv_names); j++)
		if (sc->adversary & adv_names[j].flag)
			n += (size_t)fw_snprintf(buf + n, len - n, "%s%s",
						 n ? "," : "",
						 adv_names[j].name);
	if (sc->adversary & ADV_BUSY && n < len)
		n += (size_t)fw_snprintf(buf + n, len - n, "%sbusy:%s",
					 n ? "," : "",
					 rmi_name(sc->adv_busy_func) ?
					 rmi_name(sc->adv_busy_func) : "?");
	if (sc->adversary & ADV_BADREQ && n < len)
		n += (size_t)fw_snprintf(buf + n, len - n, "%sbadreq:%s:%s",
					 n ? "," : "",
					 rmi_name(sc->adv_badreq_func) ?
					 rmi_name(sc->adv_badreq_func) : "?",
					 badreq_names[sc->adv_badreq]);
	if (!n)
		fw_snprintf(buf, len, "none");
}

static int parse_item(const char *k, size_t klen, const char *v, size_t vlen,
		      struct rmm_scenario *sc)
{
	uint64_t n;

	if (word_is(k, klen, "rmm")) {
		if (parse_flag(v, vlen, "off", "on", &sc->enabled))
			return -1;
	} else if (word_is(k, klen, "gpt")) {
		if (word_is(v, vlen, "plat"))
			sc->gpt = GPT_MODE_PLAT;
		else if (word_is(v, vlen, "host"))
			sc->gpt = GPT_MODE_HOST;
		else if (word_is(v, vlen, "legacy"))
			sc->gpt = GPT_MODE_LEGACY;
		else
			return -1;
	} else if (word_is(k, klen, "carveout")) {
		if (parse_size(v, vlen, &n) || !IS_ALIGNED(n, SZ_2M))
			return -1;
		sc->carveout = n;
	} else if (word_is(k, klen, "pps")) {
		if (parse_u64(v, vlen, &n) || n > 6)
			return -1;
		sc->pps = (unsigned int)n;
	} else if (word_is(k, klen, "tracking")) {
		if (parse_flag(v, vlen, "fine", "coarse", &sc->coarse))
			return -1;
	} else if (word_is(k, klen, "coarse")) {
		if (parse_coarse(v, vlen, sc))
			return -1;
	} else if (word_is(k, klen, "tracking_set")) {
		if (parse_flag(v, vlen, "off", "on", &sc->tracking_set))
			return -1;
	} else if (word_is(k, klen, "lpa2")) {
		if (parse_flag(v, vlen, "on", "off", &sc->no_lpa2))
			return -1;
	} else if (word_is(k, klen, "tracking_pages")) {
		if (word_is(v, vlen, "auto"))
			n = TRK_PAGES_AUTO;
		else if (parse_u64(v, vlen, &n) || n > 4096)
			return -1;
		sc->tracking_pages = (uint32_t)n;
	} else if (word_is(k, klen, "hotplug")) {
		/* hotplug=SIZE (above the boot RAM) or hotplug=BASE:SIZE */
		size_t a;
		uint64_t base = 0;

		for (a = 0; a < vlen && v[a] != ':'; a++)
			;
		if (a < vlen) {
			if (parse_size(v, a, &base) || !base ||
			    !IS_ALIGNED(base, SZ_2M))
				return -1;
			a++;
		} else {
			a = 0;
		}
		if (parse_size(v + a, vlen - a, &n) || !IS_ALIGNED(n, SZ_2M) ||
		    n > (1ULL << 52) || base > (1ULL << 52))
			return -1;
		sc->hotplug_base = base;
		sc->hotplug_size = n;
	} else if (word_is(k, klen, "activate")) {
		if (parse_flag(v, vlen, "optional", "required",
			       &sc->need_activate))
			return -1;
	} else if (word_is(k, klen, "activate_pages")) {
		if (parse_u64(v, vlen, &n) || n > RMM_MAX_SRO_PAGES)
			return -1;
		sc->activate_pages = (uint32_t)n;
	} else if (word_is(k, klen, "donate_step")) {
		if (parse_u64(v, vlen, &n) || n > RMM_MAX_SRO_PAGES)
			return -1;
		sc->donate_step = (uint32_t)n;
	} else if (word_is(k, klen, "donate")) {
		if (parse_flag(v, vlen, "undelegated", "delegated",
			       &sc->donate_delegated))
			return -1;
	} else if (word_is(k, klen, "chunk")) {
		if (parse_u64(v, vlen, &n) || n > 0xffffffffULL)
			return -1;
		sc->chunk = (uint32_t)n;
	} else if (word_is(k, klen, "host_gpi")) {
		if (parse_flag(v, vlen, "ns", "any", &sc->host_gpi_any))
			return -1;
	} else if (word_is(k, klen, "snapshots")) {
		if (parse_flag(v, vlen, "off", "on", &sc->snapshots))
			return -1;
	} else if (word_is(k, klen, "gpf")) {
		if (parse_flag(v, vlen, "off", "halt", &sc->gpf_halt))
			return -1;
	} else if (word_is(k, klen, "version")) {
		size_t i;

		for (i = 0; i < vlen && v[i] != '-'; i++)
			;
		if (parse_version(v, i, &sc->ver_lo))
			return -1;
		if (i == vlen)
			sc->ver_hi = sc->ver_lo;
		else if (parse_version(v + i + 1, vlen - i - 1, &sc->ver_hi))
			return -1;
		if (sc->ver_hi < sc->ver_lo)
			return -1;
	} else if (word_is(k, klen, "boot_realm")) {
		/* boot_realm=PA[:PAGES] */
		size_t a;

		for (a = 0; a < vlen && v[a] != ':'; a++)
			;
		if (parse_u64(v, a, &sc->boot_realm_pa) ||
		    !IS_ALIGNED(sc->boot_realm_pa, SZ_4K))
			return -1;
		sc->boot_realm_pages = 1;
		if (a < vlen && (parse_u64(v + a + 1, vlen - a - 1,
					   &sc->boot_realm_pages) ||
				 sc->boot_realm_pages == 0))
			return -1;
	} else if (word_is(k, klen, "profile")) {
		if (parse_profile(v, vlen, sc))
			return -1;
	} else if (word_is(k, klen, "adversary")) {
		if (parse_adversary(v, vlen, sc))
			return -1;
	} else if (word_is(k, klen, "fail")) {
		/* fail=COMMAND:N:STATUS */
		size_t a, b;
		struct rmm_fault f;

		for (a = 0; a < vlen && v[a] != ':'; a++)
			;
		for (b = a + 1; b < vlen && v[b] != ':'; b++)
			;
		if (a >= vlen || b >= vlen)
			return -1;
		if (parse_func(v, a, &f.func) ||
		    parse_u64(v + a + 1, b - a - 1, &n) || n == 0 ||
		    n > 0xffffffffULL ||
		    parse_status(v + b + 1, vlen - b - 1, &f.status))
			return -1;
		f.nth = (uint32_t)n;
		if (sc->nfaults == RMM_MAX_FAULTS)
			return -1;
		sc->fault[sc->nfaults++] = f;
	} else {
		return -1;
	}
	return 0;
}

static bool is_sep(char c)
{
	return c == ';' || c == ' ' || c == ',' || c == '\n' || c == '\t' ||
	       c == '\r';
}

int scenario_parse(const char *s, struct rmm_scenario *sc, char *err,
		   size_t errlen)
{
	while (*s) {
		const char *item, *eq;
		size_t len, klen;

		while (*s && is_sep(*s))
			s++;
		if (!*s)
			break;
		item = s;
		while (*s && !is_sep(*s))
			s++;
		/*
		 * coarse=1,3-4 and adversary=garbage,busy:delegate: a list
		 * goes on over commas without '='
		 */
		if ((s - item > 7 && fw_strneq(item, "coarse=", 7)) ||
		    (s - item > 10 && fw_strneq(item, "adversary=", 10))) {
			while (*s == ',') {
				const char *t = s + 1;

				while (*t && !is_sep(*t) && *t != '=')
					t++;
				if (*t == '=' || t == s + 1)
					break;
				s = t;
			}
		}
		len = (size_t)(s - item);
		for (eq = item; eq < s && *eq != '='; eq++)
			;
		klen = (size_t)(eq - item);
		if (eq == s ||
		    parse_item(item, klen, eq + 1, len - klen - 1, sc)) {
			char tmp[64];
			size_t n = len < sizeof(tmp) - 1 ? len : sizeof(tmp) - 1;

			fw_memcpy(tmp, item, n);
			tmp[n] = '\0';
			fw_snprintf(err, errlen, "bad scenario item '%s'", tmp);
			return -1;
		}
	}
	return 0;
}
