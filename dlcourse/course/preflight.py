"""Pre-flight: can this computer take the course? Run it *before* installing anything.

    make preflight                               (or, without make:)
    python3 dlcourse/course/preflight.py

It checks the Python version, that Python can create a virtual environment, the operating system and
CPU, whether TensorFlow publishes a wheel for this platform and Python, free disk and memory, and
prints one table plus one fix line per problem. Exit status 1 when a problem blocks the install
(a warning alone gives 0). ``make doctor`` is the check to run *after* the install.

This file runs with whatever Python the machine has (3.7 or newer), so it uses the standard library
only and imports nothing from dlcourse: it is executed as a file, not as part of the package.
The platform table is kept in step with pyproject.toml by tests/test_preflight.py; see
docs/setup.md for the same table in prose.
"""

from __future__ import annotations

import os
import platform
import shutil
import struct
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

COURSE_DIR = Path(__file__).resolve().parents[2]
PYTHONS = ((3, 11), (3, 12), (3, 13))  # pyproject.toml's requires-python: >=3.11,<3.14
TENSORFLOW_FLOOR = "2.21"  # pyproject.toml's tensorflow floor
# Where TensorFlow 2.20 and 2.21 publish wheels on PyPI (checked 2026-12-01): (system, CPU) -> the
# Python minor versions with a wheel. Everything else has none: Windows on ARM, Linux on 32-bit or
# other CPUs, and Intel Macs, whose last TensorFlow is 2.16.2 (cp39-cp312, NumPy < 2).
TENSORFLOW_WHEELS = {
    ("Linux", "x86_64"): (10, 11, 12, 13),
    ("Linux", "aarch64"): (10, 11, 12, 13),
    ("Darwin", "arm64"): (10, 11, 12, 13),
    ("Windows", "x86_64"): (10, 11, 12, 13),
}
# Measured on Linux x86_64, Python 3.11, 2026-12-01 (`make test-offline`, benchmarks/results.md): a
# fresh learner's .venv takes 2.6 GB and the downloaded wheels 0.75 GB (pip's cache or wheelhouse/);
# the rest is headroom for the student edition and outputs. GB here are 10**9 bytes, as measured.
DISK_NEED_GB = 4.0
MEMORY_NEED_GB = 4.0  # JupyterLab, a browser and two kernels (each TensorFlow kernel holds ~0.7 GB)
MEMORY_BLOCK_GB = 2.0
COLAB = "use Binder or Colab instead (nothing to install; docs/setup.md)"


@dataclass
class Check:
    """One line of the table; ``status`` is "ok", "warning" or "PROBLEM" (a blocking one)."""

    name: str
    found: str
    status: str = "ok"
    fix: str = ""


@dataclass
class Facts:
    """What the checks look at: read from this machine by ``gather()``, or given by a test."""

    system: str  # platform.system(): "Linux", "Darwin", "Windows"
    machine: str  # platform.machine(): "x86_64", "AMD64", "arm64", "aarch64", ...
    python: tuple  # (major, minor, micro)
    pointer_bits: int = 64
    rosetta: bool = False  # an x86_64 Python on an Apple Silicon Mac
    has_ensurepip: bool = True
    avx: bool | None = True  # None: could not tell
    free_disk_gb: float | None = None
    memory_gb: float | None = None
    mac_version: tuple = field(default_factory=tuple)


def normalize_machine(machine: str) -> str:
    """The CPU name TensorFlow's wheels use: x86_64, aarch64 (Linux) or arm64 (macOS, Windows)."""
    m = machine.lower()
    if m in ("x86_64", "amd64", "x64"):
        return "x86_64"
    if m in ("arm64", "aarch64", "armv8", "armv8l"):
        return "arm64" if m == "arm64" else "aarch64"
    return m


def _dotted(version: tuple) -> str:
    return ".".join(str(p) for p in version)


def check_python(facts: Facts) -> Check:
    found = f"{_dotted(facts.python)} (need 3.11, 3.12 or 3.13)"
    if tuple(facts.python[:2]) in PYTHONS:
        return Check("Python", found)
    if tuple(facts.python[:2]) < PYTHONS[0]:
        if facts.system == "Linux":
            fix = (
                "Ubuntu 22.04 and WSL ship Python 3.10: `sudo apt install python3.11 python3.11-venv` "
                "(or `uv python install 3.12`), then `make lab PYTHON=python3.11`"
            )
        else:
            fix = "install Python 3.12 from python.org, then `make lab PYTHON=python3.12`"
    else:
        fix = (
            f"TensorFlow has no wheel for Python {_dotted(facts.python[:2])} yet: install Python "
            "3.12 beside it, then `make lab PYTHON=python3.12`"
        )
    return Check("Python", found, "PROBLEM", fix)


def check_venv(facts: Facts) -> Check:
    if facts.has_ensurepip:
        return Check("venv (ensurepip)", "available")
    minor = f"{facts.python[0]}.{facts.python[1]}"
    return Check(
        "venv (ensurepip)",
        "missing: `python -m venv` cannot install pip",
        "PROBLEM",
        f"Debian and Ubuntu split it out: `sudo apt install python{minor}-venv`",
    )


def check_platform(facts: Facts) -> Check:
    """Whether TensorFlow (the course's floor or newer) has a wheel for this OS, CPU and Python."""
    cpu = normalize_machine(facts.machine)
    minor = facts.python[1] if facts.python[0] == 3 else -1
    found = f"{facts.system} {cpu}, {facts.pointer_bits}-bit Python {_dotted(facts.python[:2])}"
    name = f"TensorFlow {TENSORFLOW_FLOOR}+ wheel"
    if facts.system == "Darwin" and cpu == "x86_64":
        if facts.rosetta:
            return Check(
                name,
                found + " under Rosetta",
                "PROBLEM",
                "this Mac is Apple Silicon but Python is an Intel build: install the arm64 (or "
                "universal2) Python from python.org or Homebrew in /opt/homebrew",
            )
        return Check(
            name,
            found + ": none (Intel Mac)",
            "PROBLEM",
            "TensorFlow's last Intel-Mac wheel is 2.16.2, which needs NumPy < 2 and lacks "
            f"Keras 3.13: {COLAB}",
        )
    if facts.pointer_bits != 64:
        return Check(
            name,
            found + ": none (32-bit)",
            "PROBLEM",
            "install the 64-bit Python (python.org: 'Windows installer (64-bit)')",
        )
    wheels = TENSORFLOW_WHEELS.get((facts.system, cpu))
    if wheels is None:
        if facts.system == "Windows" and cpu == "arm64":
            fix = (
                "no TensorFlow for Windows on ARM: use WSL (its Ubuntu gets the Linux aarch64 "
                f"wheels), or {COLAB}"
            )
        else:
            fix = f"TensorFlow publishes no wheel for {facts.system} on {cpu}: {COLAB}"
        return Check(name, found + ": none", "PROBLEM", fix)
    if minor not in wheels:
        return Check(
            name,
            found + ": none for this Python",
            "PROBLEM",
            "TensorFlow's wheels cover Python 3.10-3.13: install Python 3.12 beside this one",
        )
    if facts.system == "Darwin" and facts.mac_version and tuple(facts.mac_version[:1]) < (12,):
        return Check(
            name,
            found + f": macOS {_dotted(facts.mac_version)} is too old",
            "PROBLEM",
            "TensorFlow's Apple Silicon wheels need macOS 12 or newer: update macOS, or " + COLAB,
        )
    return Check(name, found + ": yes")


def check_cpu(facts: Facts) -> Check:
    if normalize_machine(facts.machine) != "x86_64" or facts.avx:
        return Check("CPU instructions", "AVX" if facts.avx else "not needed (ARM)")
    if facts.avx is None:
        return Check("CPU instructions", "could not tell whether the CPU has AVX")
    return Check(
        "CPU instructions",
        "no AVX",
        "PROBLEM",
        f"TensorFlow's x86_64 wheels need AVX (CPUs since about 2011): {COLAB}",
    )


def check_disk(facts: Facts) -> Check:
    if facts.free_disk_gb is None:
        return Check(
            "free disk", "could not tell", "warning", f"make sure {DISK_NEED_GB:.0f} GB is free"
        )
    found = f"{facts.free_disk_gb:.1f} GB free (need {DISK_NEED_GB:.0f} GB)"
    if facts.free_disk_gb >= DISK_NEED_GB:
        return Check("free disk", found)
    return Check(
        "free disk",
        found,
        "PROBLEM",
        f"free {DISK_NEED_GB - facts.free_disk_gb:.1f} GB more on this drive "
        "(`pip cache purge` frees pip's cache), or move the course folder to a larger drive",
    )


def check_memory(facts: Facts) -> Check:
    if facts.memory_gb is None:
        return Check("memory", "could not tell")
    found = f"{facts.memory_gb:.1f} GB (want {MEMORY_NEED_GB:.0f} GB)"
    if facts.memory_gb >= MEMORY_NEED_GB:
        return Check("memory", found)
    fix = "close other programs and shut down each notebook's kernel when you move to the next one"
    status = "warning" if facts.memory_gb >= MEMORY_BLOCK_GB else "PROBLEM"
    return Check("memory", found, status, fix if status == "warning" else COLAB)


def run_checks(facts: Facts) -> list[Check]:
    return [
        check_python(facts),
        check_venv(facts),
        check_platform(facts),
        check_cpu(facts),
        check_disk(facts),
        check_memory(facts),
    ]


def format_report(checks: list[Check]) -> str:
    width_name = max(len(c.name) for c in checks)
    width_found = max(len(c.found) for c in checks)
    lines = [
        f"{'check':<{width_name}}  {'found':<{width_found}}  status",
        "-" * (width_name + width_found + 10),
    ]
    lines += [f"{c.name:<{width_name}}  {c.found:<{width_found}}  {c.status}" for c in checks]
    lines.append("")
    problems = [c for c in checks if c.status != "ok"]
    if problems:
        blocking = sum(c.status == "PROBLEM" for c in problems)
        lines.append(
            f"{blocking} blocking problem(s), {len(problems) - blocking} warning(s). To fix:"
        )
        lines += [f"  - {c.name}: {c.fix}" for c in problems]
    if not any(c.status == "PROBLEM" for c in checks):
        lines.append("Ready to install: run `make lab` (docs/setup.md has the other ways).")
    return "\n".join(lines)


def _memory_gb() -> float | None:
    try:
        if sys.platform.startswith("linux"):
            for line in Path("/proc/meminfo").read_text().splitlines():
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) * 1024 / 1e9
        if sys.platform == "darwin":
            out = subprocess.run(["sysctl", "-n", "hw.memsize"], capture_output=True, text=True)
            return int(out.stdout) / 1e9
        if sys.platform == "win32":
            import ctypes

            class MemoryStatus(ctypes.Structure):
                _fields_ = [("dwLength", ctypes.c_ulong), ("dwMemoryLoad", ctypes.c_ulong)] + [
                    (n, ctypes.c_ulonglong)
                    for n in ("total", "avail", "pagefile", "availpf", "virt", "availvirt", "ext")
                ]

            status = MemoryStatus()
            status.dwLength = ctypes.sizeof(MemoryStatus)
            ctypes.windll.kernel32.GlobalMemoryStatusEx(ctypes.byref(status))
            return status.total / 1e9
    except (OSError, ValueError, AttributeError):
        return None
    return None


def _avx() -> bool | None:
    try:
        if sys.platform.startswith("linux"):
            return " avx " in f" {Path('/proc/cpuinfo').read_text()} ".replace("\n", " ")
        if sys.platform == "win32":
            import ctypes

            return bool(ctypes.windll.kernel32.IsProcessorFeaturePresent(39))  # PF_AVX_...
        if sys.platform == "darwin":
            out = subprocess.run(
                ["sysctl", "-n", "machdep.cpu.features"], capture_output=True, text=True
            )
            return "AVX1.0" in out.stdout if out.returncode == 0 else None
    except (OSError, AttributeError):
        return None
    return None


def _rosetta() -> bool:
    if sys.platform != "darwin":
        return False
    out = subprocess.run(["sysctl", "-n", "sysctl.proc_translated"], capture_output=True, text=True)
    return out.stdout.strip() == "1"


def _has_ensurepip() -> bool:
    try:
        import ensurepip  # noqa: F401  (Debian's python3 lacks it without python3-venv)
    except ImportError:
        return False
    return True


def gather(folder: Path = COURSE_DIR) -> Facts:
    """Read the facts from this machine (standard library only; nothing is installed or changed)."""
    mac = platform.mac_ver()[0]
    return Facts(
        system=platform.system(),
        machine=platform.machine(),
        python=tuple(sys.version_info[:3]),
        pointer_bits=struct.calcsize("P") * 8,
        rosetta=_rosetta(),
        has_ensurepip=_has_ensurepip(),
        avx=_avx(),
        free_disk_gb=shutil.disk_usage(os.fspath(folder)).free / 1e9,
        memory_gb=_memory_gb(),
        mac_version=tuple(int(p) for p in mac.split(".")) if mac else (),
    )


def main(facts: Facts | None = None) -> int:
    checks = run_checks(facts or gather())
    print(format_report(checks))
    return 1 if any(c.status == "PROBLEM" for c in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
