#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check the console log of one fuzz boot against its dtgen sidecar.

  fuzzcheck.py [--strict] LOG SIDECAR

A boot passes when the kernel did not panic, oops or WARN, the KUnit suites
ran and passed (of_reserved_mem_boot among them), and every defective node
of the sidecar is named by exactly one kernel line, which for the kinds in
MESSAGE must match the message the kernel prints today. Lines of KUnit
output and the "base..end (N KiB) ..." line of a registered region do not
count as naming a node: the first are the test's, the second says the node
was accepted.

Today's kernel lacks a message for some kinds; they are listed in
EXPECTED_UNNAMED and expected to be named by no line at all. Likewise the
of_reserved_mem_boot suite fails for some kinds (EXPECTED_KUNIT_FAIL): a
failure is accepted when each failed expectation names a node of such a
kind. Both lists make the boot XFAIL instead of FAIL; a kind in a list that
behaves as it should is reported XPASS and fails the run, so that the list
gets updated (for EXPECTED_KUNIT_FAIL run.sh does that over the whole
run: a listed kind that failed no boot is reported). --strict (STRICT=1 in
run.sh) ignores both lists. --kunit-xfail prints EXPECTED_KUNIT_FAIL.

Prints one line per boot ("PASS|XFAIL|FAIL name: details") and exits 0 for
PASS/XFAIL, 1 for FAIL or XPASS.
"""

import re
import sys

# kind -> regex (NAME is the node name) of the line today's kernel prints
MESSAGE = {
    'zero-reg': r"failed to reserve memory for node 'NAME': base \S+, size 0 MiB",
    'size-cells': r"invalid size property in 'NAME' node",
    'align-cells': r"invalid alignment property in 'NAME' node",
    'no-ram': r"failed to allocate memory for node 'NAME'",
    'no-space': r"failed to allocate memory for node 'NAME'",
    'overlap-nomap': r"node 'NAME' is no-map over memory reserved before it",
    'overlap': r"overlaps with NAME \(|^NAME \(\S+\) overlaps with",
}

# Kinds the kernel must stay silent about: not a defect to report.
SILENT = {'disabled'}

# Kinds today's kernel does not name. The kernel is not ours to change in
# this test: the lead adds the messages and then removes the kind from this
# list (run with --strict to see what is missing). Every kind is named now.
EXPECTED_UNNAMED = set()

# Kinds for which of_reserved_mem_boot fails today (the suite, not the
# kernel's handling, would lack a case for them): none since the suite
# accepts a dynamic region too big for any free memory (no-space) and an
# overlap of two static regions (overlap).
EXPECTED_KUNIT_FAIL = set()

BAD = re.compile(r'Kernel panic|Oops|Internal error|Unable to handle|'
                 r'WARNING:|BUG:|Call trace:|kernel BUG')
TS = re.compile(r'^\[\s*\d+\.\d+\]\s?')
REGISTERED = re.compile(r'OF: reserved mem: 0x[0-9a-f]+\.\.0x[0-9a-f]+ '
                        r'\(\d+ KiB\) (no)?map (non-)?reusable ')


def named(line, name):
    return re.search(r"(?<![\w@.-])%s(?![\w@.-])" % re.escape(name), line)


def main():
    args = sys.argv[1:]
    if args == ['--kunit-xfail']:
        print(' '.join(sorted(EXPECTED_KUNIT_FAIL)))
        return 0
    strict = '--strict' in args
    args = [a for a in args if a != '--strict']
    log, sidecar = args
    unnamed_ok = set() if strict else EXPECTED_UNNAMED
    kunit_ok = set() if strict else EXPECTED_KUNIT_FAIL
    tag = log.rsplit('/', 1)[-1].rsplit('.', 1)[0]

    lines = [TS.sub('', l.rstrip('\r\n'))
             for l in open(log, errors='replace')]
    bad = [(l.split()[0], l.split()[1]) for l in open(sidecar) if l.strip()]
    kinds = {k for _, k in bad}
    # KUnit's lines: "# ..." and "ok/not ok", indented ones, and the
    # message lines that follow an "EXPECTATION FAILED" up to the next
    # "#" or "ok" line (they are printed without indentation).
    kernel, kunit, grab = [], [], False
    for l in lines:
        s = l.strip()
        if 'EXPECTATION FAILED' in s or 'ASSERTION FAILED' in s:
            grab = True
        elif s.startswith(('#', 'ok ', 'not ok ')):
            grab = False
        if grab or s.startswith(('#', 'ok ', 'not ok ', 'KTAP', '1..')) or \
           l.startswith((' ', '\t')):
            kunit.append(l)
        else:
            kernel.append(l)

    fails, xfails, xpass = [], [], []

    crash = [l for l in kernel if BAD.search(l)]
    if crash:
        fails.append('crash: ' + crash[0].strip())

    # KUnit: totals, no failed test, the live-DT suite ran and passed
    if not any('# Totals:' in l for l in lines):
        fails.append('no KUnit totals (did the boot finish?)')
    if not any(re.search(r'(?<!not )\bok \d+ of_reserved_mem_boot', l) for l in lines):
        # failed expectations: "# case: EXPECTATION FAILED at ..." and
        # the message lines that follow it
        msgs, grab = [], False
        for l in lines:
            s = l.strip()
            if 'EXPECTATION FAILED' in s or 'ASSERTION FAILED' in s:
                grab = True
                continue
            if grab and s.startswith(('#', 'ok ', 'not ok ')):
                grab = False
            # KUnit's own "Expected x == y, but" / "x == 3" lines
            if grab and s and not re.match(r'Expected |\S+ == |.*\bbut is\b', s):
                msgs.append(s)
        culprits = set()
        unexplained = []
        for m in msgs:
            hit = [k for n, k in bad if named(m, n)]
            if 'root-cells' in kinds:
                hit.append('root-cells')
            if hit:
                culprits.update(hit)
            else:
                unexplained.append(m)
        if unexplained or not msgs or not culprits <= kunit_ok:
            fails.append('of_reserved_mem_boot failed: %s' %
                         '; '.join((unexplained or msgs or ['no message'])[:3]))
        else:
            xfails.append('of_reserved_mem_boot fails for %s' %
                          ','.join(sorted(culprits)))
    elif kinds & kunit_ok:
        # passed although a kind expected to fail it is present: fine
        # unless that kind is the only reason the list has it
        pass
    others = [l.strip() for l in lines if l.strip().startswith('not ok') and
              not re.search(r'\b(of_reserved_mem_boot|of_rmem_test_live_dt|'
                            r'of_rmem_test_init_failure)\b', l)]
    if others:
        fails.append('another KUnit test failed: ' + others[0])

    root = 'root-cells' in kinds
    for name, kind in bad:
        if root and kind != 'root-cells':
            continue	# the whole /reserved-memory node is ignored
        hits = [l for l in kernel if named(l, name) and
                not REGISTERED.search(l) and 'initialized node' not in l]
        if kind == 'overlap-nomap':
            # registered (reserved instead), so its overlap is reported too
            ovl = MESSAGE['overlap'].replace('NAME', re.escape(name))
            hits = [l for l in hits if not re.search(ovl, l)]
        if kind == 'root-cells':
            hits = [l for l in kernel if 'unsupported node format' in l and
                    named(l, name)]
        if kind in SILENT:
            reg = [l for l in kernel if named(l, name)]
            if reg:
                fails.append('%s (%s) must be ignored silently: %s' %
                             (name, kind, reg[0].strip()))
            continue
        if kind in unnamed_ok:
            if hits:
                xpass.append('%s (%s) is named now (%s): remove %s from '
                             'EXPECTED_UNNAMED' % (name, kind,
                                                   hits[0].strip(), kind))
            else:
                xfails.append('%s (%s) not named' % (name, kind))
            continue
        if len(hits) != 1:
            fails.append('%s (%s) named %d times%s' % (
                name, kind, len(hits),
                ': ' + ' | '.join(h.strip() for h in hits[:3]) if hits else ''))
            continue
        if kind in MESSAGE:
            pat = MESSAGE[kind].replace('NAME', re.escape(name))
            if not re.search(pat, hits[0]):
                fails.append('%s (%s): unexpected message: %s' %
                             (name, kind, hits[0].strip()))

    if fails or xpass:
        print('FAIL  %s: %s' % (tag, '; '.join(fails + xpass)))
        return 1
    if xfails:
        print('XFAIL %s: %s' % (tag, '; '.join(xfails)))
    else:
        print('PASS  %s' % tag)
    return 0


if __name__ == '__main__':
    sys.exit(main())
