#!/bin/sh
# Registers every examples/*.json connector with the Connect worker (PUT is idempotent, so
# re-running the service updates them instead of failing on "already exists").
set -eu
CONNECT="${CONNECT_URL:-http://connect:8083}"
until curl -fsS "$CONNECT/connector-plugins" | grep -q MqttSourceConnector; do
  echo "waiting for $CONNECT and the MQTT plugin..."
  sleep 2
done
for file in /examples/*.json; do
  name=$(sed -n 's/^ *"name": *"\([^"]*\)".*/\1/p' "$file" | head -n 1)
  # The REST payload is {"name", "config"}; PUT /connectors/NAME/config takes the config alone.
  config=$(tr -d '\n' < "$file" | sed 's/^.*"config": *\({.*}\) *} *$/\1/')
  echo "registering $name from $file"
  curl -fsS -X PUT -H 'Content-Type: application/json' --data "$config" \
    "$CONNECT/connectors/$name/config"
  echo
done
# The simulator starts when this service ends: make sure every connector and task runs by then,
# or its first messages would be published before the source subscribed.
for file in /examples/*.json; do
  name=$(sed -n 's/^ *"name": *"\([^"]*\)".*/\1/p' "$file" | head -n 1)
  until [ "$(curl -fsS "$CONNECT/connectors/$name/status" | grep -o '"state":"RUNNING"' | wc -l)" -ge 2 ]; do
    echo "waiting for $name to run..."
    sleep 2
  done
  echo "$name running"
done
