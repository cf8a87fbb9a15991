# SPDX-License-Identifier: GPL-2.0
# kunit.py --qemu_config for our arm64 kernel on QEMU virt with FEAT_RME and
# the rmm-model EL3 firmware (tools/rmm-model) as -bios: the kernel boots at
# NS-EL2 through PSCI and its RMI calls reach the RMM model.
#
# kunit.py loads this file as if it lived in tools/testing/kunit/qemu_configs/
# (hence the relative import) and adds
#   -nodefaults -m 1024 -kernel ... -append ... -no-reboot -nographic
#   -serial stdio
# before extra_qemu_params. The first -serial (stdio, parsed as KTAP) is the
# non-secure UART0 the kernel uses; the second -serial below is the secure
# UART1 of the firmware, written to build/rmm-model/kunit-fw.log so that
# firmware output never reaches kunit.py. Both UARTs are built into the virt
# machine, so -nodefaults does not remove them.
#
# Build the firmware first: make -C tools/rmm-model O=build/rmm-model
# Optional: RMM_MODEL_SCENARIO='gpt=host;chunk=16' selects a scenario.
import os

from ..qemu_config import QemuArchParams

_TOP = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
				    '..', '..'))
_FW_DIR = os.path.join(_TOP, 'build', 'rmm-model')
_FW_BIN = os.path.join(_FW_DIR, 'fw.bin')
_FW_LOG = os.path.join(_FW_DIR, 'kunit-fw.log')

_extra = ['-machine', 'virt,secure=on,virtualization=on,gic-version=3',
	  '-cpu', 'max,x-rme=on,pauth-impdef=on',
	  '-smp', '2',
	  '-bios', _FW_BIN,
	  '-nic', 'none',
	  '-serial', 'file:' + _FW_LOG]

_scenario = os.environ.get('RMM_MODEL_SCENARIO', '')
if _scenario:
	_extra += ['-fw_cfg', 'name=opt/rmm-model/scenario,string=' +
		   _scenario.replace(',', ',,')]

# RMM_MODEL_KARGS='kvm-arm.realm=on' boots with the RMM activated: the
# suites that share the driver's ledger with the fake RMM then skip.
_kargs = os.environ.get('RMM_MODEL_KARGS', '').split()

QEMU_ARCH = QemuArchParams(linux_arch='arm64',
			   kconfig='''
CONFIG_SERIAL_AMBA_PL011=y
CONFIG_SERIAL_AMBA_PL011_CONSOLE=y''',
			   qemu_arch='aarch64',
			   kernel_path='arch/arm64/boot/Image',
			   kernel_command_line=' '.join(['console=ttyAMA0 kunit_shutdown=poweroff'] + _kargs),
			   extra_qemu_params=_extra)
