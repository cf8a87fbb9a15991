#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Boot a kernel on the rmm-model firmware.
#
#   run-qemu.sh KERNEL [extra qemu args...]
#
# Consoles: the kernel's (non-secure UART0, first -serial) is on stdio; the
# firmware's (secure UART1, second -serial) goes to $FW_LOG.
#
# Environment:
#   O          build directory holding fw.bin (default: <repo>/build/rmm-model)
#   FW_LOG     firmware log file (default: $O/fw.log)
#   INITRD     initramfs to pass (default: $O/initramfs.cpio if present;
#              INITRD=none for no initrd)
#   APPEND     extra kernel command line words, after kvm-arm.realm=on (the
#              patched kernel sets Realms up only when asked; base ignores it)
#   SCENARIO   RMM model scenario string, e.g. "gpt=host;chunk=16"
#              (passed as -fw_cfg name=opt/rmm-model/scenario)
#   SMP, MEM   CPU count (4) and RAM size (2G)
#   CPU        -cpu value (max,x-rme=on,pauth-impdef=on)
#   QEMU       qemu binary (qemu-system-aarch64)
#   TIMEOUT    if set, kill QEMU after this many seconds (exit status 124)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
: "${O:=$here/../../build/rmm-model}"
: "${FW_LOG:=$O/fw.log}"
: "${SMP:=4}"
: "${MEM:=2G}"
: "${CPU:=max,x-rme=on,pauth-impdef=on}"
: "${QEMU:=qemu-system-aarch64}"
: "${APPEND:=}"
: "${SCENARIO:=}"

if [ $# -lt 1 ]; then
	echo "usage: $0 KERNEL [extra qemu args...]" >&2
	exit 2
fi
kernel=$1
shift

if [ ! -f "$O/fw.bin" ]; then
	echo "$O/fw.bin missing: make -C $here O=$O" >&2
	exit 2
fi

initrd=${INITRD:-}
if [ -z "$initrd" ] && [ -f "$O/initramfs.cpio" ]; then
	initrd=$O/initramfs.cpio
fi

set -- -M virt,secure=on,virtualization=on,gic-version=3 \
	-cpu "$CPU" -smp "$SMP" -m "$MEM" -nographic \
	-bios "$O/fw.bin" -kernel "$kernel" \
	-append "console=ttyAMA0 earlycon=pl011,0x09000000 kvm-arm.realm=on $APPEND" \
	-nic none -serial mon:stdio -serial "file:$FW_LOG" "$@"

if [ -n "$initrd" ] && [ "$initrd" != none ]; then
	set -- -initrd "$initrd" "$@"
fi
if [ -n "$SCENARIO" ]; then
	# QEMU option values escape ',' as ',,'
	esc=$(printf '%s' "$SCENARIO" | sed 's/,/,,/g')
	set -- -fw_cfg "name=opt/rmm-model/scenario,string=$esc" "$@"
fi

if [ -n "${TIMEOUT:-}" ]; then
	exec timeout --foreground "$TIMEOUT" "$QEMU" "$@"
fi
exec "$QEMU" "$@"
