# Sourced by benchmarks/profile and benchmarks/input-stage: fetches async-profiler's Maven
# artifacts (the native agent inside the jar, and the JFR converter) into a folder once, and names
# what it fetched. Needs Maven the first time.
#
#   fetch_async_profiler DIR    into DIR/async-profiler-VERSION; sets $agent (libasyncProfiler.so
#                               for this machine) and $converter
fetch_async_profiler() {
  local version=4.1 platform artifact
  local tools="$1/async-profiler-$version"
  case "$(uname -m)" in
    x86_64) platform=linux-x64 ;;
    aarch64) platform=linux-arm64 ;;
    *) echo "async-profiler's artifact has no agent for $(uname -m)" >&2; return 1 ;;
  esac
  mkdir -p "$tools"
  for artifact in async-profiler jfr-converter; do
    if [[ ! -f "$tools/$artifact-$version.jar" ]]; then
      mvn -q -B dependency:copy -Dartifact="tools.profiler:$artifact:$version" -DoutputDirectory="$tools" > "$tools/mvn.log" 2>&1 \
        || { cat "$tools/mvn.log" >&2; return 1; }
    fi
  done
  agent="$tools/$platform/libasyncProfiler.so"
  [[ -f "$agent" ]] || (cd "$tools" && unzip -q -o "async-profiler-$version.jar" "$platform/libasyncProfiler.so")
  converter="$tools/jfr-converter-$version.jar"
}
