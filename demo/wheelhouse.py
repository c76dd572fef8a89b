#!/usr/bin/env python3
"""Turns Python packages unpacked from Debian .debs into wheels and a PEP 503 index.

PyPI is unreachable on the machines this demo runs on, so the Python examples
install from a loopback index whose wheels are Debian bookworm's own packages
(same upstream code, Debian's versions). Compiled extensions keep the Debian
build; the shared libraries they load from outside the Python tree (numpy's
BLAS/LAPACK) are vendored into `<pkg>.libs/` with an $ORIGIN rpath, as
auditwheel does for manylinux wheels, so the wheels also work on slim bases.

usage: wheelhouse.py <unpacked-debs-root> <index-dir>
"""
import base64
import csv
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile

SITE = "usr/lib/python3/dist-packages"
LIB_DIRS = [
    "usr/lib/x86_64-linux-gnu",
    "usr/lib/x86_64-linux-gnu/blas",
    "usr/lib/x86_64-linux-gnu/lapack",
]
# Debian's packaging moves install_requires into the .deb's Depends and drops it
# from requires.txt; these are the upstream requirements of the bookworm versions.
UPSTREAM_REQUIRES = {
    "Flask": ["Werkzeug>=2.2.2", "Jinja2>=3.0", "itsdangerous>=2.0", "click>=8.0"],
    "Jinja2": ["MarkupSafe>=2.0"],
    "Werkzeug": ["MarkupSafe>=2.1.1"],
    "gunicorn": ["setuptools>=3.0"],
}
# Loaded from the base image, never vendored.
SYSTEM_LIBS = re.compile(r"^(libc|libm|libpthread|libdl|librt|libgcc_s|ld-linux[-\w]*)\.so")


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def requires_dist(requires_txt):
    """egg-info requires.txt sections -> METADATA Requires-Dist lines."""
    lines, section = [], None
    for raw in requires_txt.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("["):
            section = line[1:-1]
            continue
        marker = None
        if section:
            extra, _, env = section.partition(":")
            parts = []
            if env:
                parts.append(f"({env})" if extra else env)
            if extra:
                parts.append(f'extra == "{extra}"')
            marker = " and ".join(parts)
        lines.append(f"Requires-Dist: {line}" + (f"; {marker}" if marker else ""))
    return lines


def metadata_dir(site, entry):
    """(name, version, METADATA text, extra dist-info files) for an egg-info or dist-info."""
    path = os.path.join(site, entry)
    if entry.endswith(".dist-info"):
        meta = read(os.path.join(path, "METADATA"))
    else:
        meta = read(os.path.join(path, "PKG-INFO") if os.path.isdir(path) else path)
        req = os.path.join(path, "requires.txt")
        name = re.search(r"^Name: (.+)$", meta, re.M).group(1).strip()
        lines = [f"Requires-Dist: {r}" for r in UPSTREAM_REQUIRES.get(name, [])]
        if os.path.isdir(path) and os.path.exists(req) and "Requires-Dist:" not in meta:
            lines += requires_dist(read(req))
        head, sep, body = meta.partition("\n\n")
        meta = head + "".join(f"\n{line}" for line in lines) + sep + body
    name = re.search(r"^Name: (.+)$", meta, re.M).group(1).strip()
    version = re.search(r"^Version: (.+)$", meta, re.M).group(1).strip()
    extras = {}
    for extra in ("entry_points.txt", "top_level.txt"):
        candidate = os.path.join(path, extra)
        if os.path.isdir(path) and os.path.exists(candidate):
            extras[extra] = read(candidate)
    return name, version, meta, extras


def top_levels(site, name, extras):
    if "top_level.txt" in extras:
        return [t for t in extras["top_level.txt"].split() if t]
    return [name.replace("-", "_").lower()]


def module_files(site, top):
    """Relative paths (inside site) of a top-level package or module, symlinks resolved."""
    found = []
    pkg = os.path.join(site, top)
    if os.path.isdir(pkg):
        for root, dirs, files in os.walk(pkg, followlinks=True):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            for f in files:
                full = os.path.join(root, f)
                if os.path.exists(full):
                    found.append(os.path.relpath(full, site))
    for f in os.listdir(site):
        if f == f"{top}.py" or (f.startswith(f"{top}.") and f.endswith(".so")):
            found.append(f)
    return found


def resolve_abs_symlinks(root):
    """Debian points some package files at /usr/include etc.; re-root those links."""
    for dirpath, dirs, files in os.walk(root):
        for entry in dirs + files:
            full = os.path.join(dirpath, entry)
            if os.path.islink(full) and os.readlink(full).startswith("/"):
                target = os.path.join(root, os.readlink(full).lstrip("/"))
                os.unlink(full)
                if os.path.exists(target):
                    os.symlink(os.path.relpath(target, dirpath), full)


def needed_libs(path):
    out = subprocess.run(["readelf", "-d", path], capture_output=True, text=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", out)


def find_lib(root, soname):
    for d in LIB_DIRS:
        candidate = os.path.join(root, d, soname)
        if os.path.exists(candidate):
            return os.path.realpath(candidate)
    return None


def vendor_libs(root, site, files, top, stage):
    """Copy non-system shared libraries the extensions need into <top>.libs/."""
    libs_dir = f"{top}.libs"
    vendored, queue = {}, [os.path.join(site, f) for f in files if f.endswith(".so")]
    extensions = list(queue)
    while queue:
        for soname in needed_libs(queue.pop()):
            if soname in vendored or SYSTEM_LIBS.match(soname):
                continue
            source = find_lib(root, soname)
            if source is None:
                raise SystemExit(f"{top}: needs {soname}, which no unpacked .deb provides")
            target = os.path.join(stage, libs_dir, soname)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copy(source, target)
            vendored[soname] = target
            queue.append(target)
    if not vendored:
        return {}
    for lib in vendored.values():
        subprocess.run(["patchelf", "--set-rpath", "$ORIGIN", lib], check=True)
    patched = {}
    for ext in extensions:
        rel = os.path.relpath(ext, site)
        copy = os.path.join(stage, rel)
        os.makedirs(os.path.dirname(copy), exist_ok=True)
        shutil.copy(ext, copy)
        origin_to_libs = os.path.relpath(os.path.join(stage, libs_dir), os.path.dirname(copy))
        subprocess.run(["patchelf", "--set-rpath", f"$ORIGIN/{origin_to_libs}", copy], check=True)
        patched[rel] = copy
    for soname, target in vendored.items():
        patched[f"{libs_dir}/{soname}"] = target
    return patched


def record_hash(data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode()


def build_wheel(root, site, entry, index_dir, stage_root):
    name, version, meta, extras = metadata_dir(site, entry)
    files = []
    for top in top_levels(site, name, extras):
        files += module_files(site, top)
    if not files:
        return None
    stage = os.path.join(stage_root, normalize(name))
    overrides = {}
    for top in top_levels(site, name, extras):
        overrides.update(vendor_libs(root, site, [f for f in files if f.startswith(top)], top, stage))
    compiled = any(f.endswith(".so") for f in files)
    tag = "cp311-cp311-linux_x86_64" if compiled else "py3-none-any"
    dist = f"{re.sub(r'[-.]', '_', name)}-{version}"
    info = f"{dist}.dist-info"
    wheel_meta = (
        "Wheel-Version: 1.0\n"
        "Generator: image-health demo/wheelhouse.py\n"
        f"Root-Is-Purelib: {'false' if compiled else 'true'}\n"
        f"Tag: {tag}\n"
    )
    contents = {f: None for f in files}
    contents.update({f: p for f, p in overrides.items()})
    out_dir = os.path.join(index_dir, normalize(name))
    os.makedirs(out_dir, exist_ok=True)
    wheel_path = os.path.join(out_dir, f"{dist}-{tag}.whl")
    records = io.StringIO()
    writer = csv.writer(records, lineterminator="\n")
    with zipfile.ZipFile(wheel_path, "w", zipfile.ZIP_DEFLATED) as whl:
        for rel in sorted(contents):
            source = contents[rel] or os.path.join(site, rel)
            with open(source, "rb") as f:
                data = f.read()
            info_mode = zipfile.ZipInfo(rel, date_time=(2023, 1, 1, 0, 0, 0))
            info_mode.external_attr = (os.stat(source).st_mode & 0o777 | 0o100000) << 16
            info_mode.compress_type = zipfile.ZIP_DEFLATED
            whl.writestr(info_mode, data)
            writer.writerow([rel, record_hash(data), len(data)])
        meta_files = {"METADATA": meta, "WHEEL": wheel_meta, **extras}
        for fname, text in meta_files.items():
            data = text.encode()
            whl.writestr(f"{info}/{fname}", data)
            writer.writerow([f"{info}/{fname}", record_hash(data), len(data)])
        writer.writerow([f"{info}/RECORD", "", ""])
        whl.writestr(f"{info}/RECORD", records.getvalue())
    return name, version, wheel_path


def main():
    root, index_dir = sys.argv[1], sys.argv[2]
    site = os.path.join(root, SITE)
    resolve_abs_symlinks(root)
    stage_root = os.path.join(index_dir, "..", "wheel-stage")
    shutil.rmtree(stage_root, ignore_errors=True)
    os.makedirs(index_dir, exist_ok=True)
    for entry in sorted(os.listdir(site)):
        if entry.endswith((".egg-info", ".dist-info")):
            built = build_wheel(root, site, entry, index_dir, stage_root)
            if built:
                print(f"  wheel {built[0]}=={built[1]}  {os.path.basename(built[2])}")
    shutil.rmtree(stage_root, ignore_errors=True)
    write_index(index_dir)


def write_index(index_dir):
    """PEP 503 pages, so pip can use the directory as --index-url (http or file)."""
    projects = sorted(d for d in os.listdir(index_dir) if os.path.isdir(os.path.join(index_dir, d)))
    for project in projects:
        links = "".join(
            f'<a href="{w}">{w}</a><br>\n'
            for w in sorted(os.listdir(os.path.join(index_dir, project)))
            if w.endswith(".whl")
        )
        with open(os.path.join(index_dir, project, "index.html"), "w") as f:
            f.write(f"<!DOCTYPE html><html><body>\n{links}</body></html>\n")
    with open(os.path.join(index_dir, "index.html"), "w") as f:
        f.write("<!DOCTYPE html><html><body>\n")
        f.write("".join(f'<a href="{p}/">{p}</a><br>\n' for p in projects))
        f.write("</body></html>\n")


if __name__ == "__main__":
    main()
