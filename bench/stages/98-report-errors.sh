# Appends the "## Errors" section to the Markdown (per API: a failed smoke call, wrk, SDK-way and pgbench errors,
# non-2xx samples, the app's ERROR lines; and any start-up stage that failed), copies it to latest-rows<N>.md,
# prints it, and exits 1 if a stage failed.

problems=""
for api in "${APIS[@]}"; do
  detail=""
  [[ "${SMOKE[$api]}" == 2* ]] || detail+="  - smoke call answered HTTP ${SMOKE[$api]}: \`$(head -c 400 "$RUN/smoke-$api.json" | tr '\n|`' '  _')\`"$'\n'
  for phase in measured high fixed sdk sdk-fixed sdk-sync; do
    n=$(res "$api" "$phase" errors)
    [ "${n:-0}" = 0 ] && continue
    line="${RESULT[$api/$phase]}"
    detail+="  - $phase run: $n errors (connect=$(field "$line" connect) read=$(field "$line" read) write=$(field "$line" write) timeout=$(field "$line" timeout) status=$(field "$line" status))"$'\n'
  done
  if [ -s "$RUN/sdk-errors-$api" ]; then
    detail+="  - unexpected answers sampled by JobLoad:"$'\n'
    while IFS= read -r s; do detail+="    - \`$s\`"$'\n'; done < <(head -3 "$RUN/sdk-errors-$api" | cut -c1-400 | tr '|`' '_ ')
  fi
  n=$(res "$api" pgbench failed)
  [ "${n:-0}" = 0 ] || detail+="  - pgbench: $n failed transactions"$'\n'
  n=$(res "$api" meta app_error_lines)
  if [ "${n:-0}" != 0 ]; then
    detail+="  - the app logged $n ERROR lines during this API's load runs (bench/work/app.log); the commonest:"$'\n'
    while IFS= read -r s; do
      [ -n "$s" ] && detail+="    - \`$(echo "$s" | sed -E 's/^ *//' | tr '|`' '_ ')\`"$'\n'
    done <"$RUN/app-errors-$api.txt"
  fi
  samples=$(cat "$RUN/errors-$api".* 2>/dev/null | head -3 | cut -c1-400 | tr '|`' '_ ' || true)
  if [ -n "$samples" ]; then
    detail+="  - non-2xx answers sampled in the warm-up:"$'\n'
    while IFS= read -r s; do detail+="    - \`$s\`"$'\n'; done <<<"$samples"
  fi
  [ -z "$detail" ] || problems+="- $api"$'\n'"$detail"
done
for f in "${STAGE_FAILURES[@]}"; do problems+="- stage failed: $(echo "$f" | tr '|`' '_ ')"$'\n'; done
if [ -n "$problems" ]; then
  { echo; echo "## Errors"; echo; printf '%s' "$problems"; } >>"$MD"
fi
cp "$MD" "$RESULTS/latest-rows$ROWS.md"

echo
cat "$MD"
echo
log "written: ${CSV#"$REPO"/}, ${SUMMARY_CSV#"$REPO"/}, ${MD#"$REPO"/}, bench/results/latest-rows$ROWS.md"
if [ "${#STAGE_FAILURES[@]}" -gt 0 ]; then
  printf 'bench: FAILED: %s\n' "${STAGE_FAILURES[@]}" >&2
  exit 1
fi
