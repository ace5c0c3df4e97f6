#!/bin/bash
# Runs the Debian-packaged RabbitMQ in the foreground with every path under $RMQ_ROOT.
# /usr/sbin/rabbitmq-server would su to the rabbitmq user and cd to /var/lib/rabbitmq, so the
# real script is called directly. Inputs: RMQ_ROOT, RABBITMQ_NODE_PORT, RABBITMQ_DIST_PORT, ERL_EPMD_PORT.
set -euo pipefail
mkdir -p "$RMQ_ROOT/mnesia" "$RMQ_ROOT/log" "$RMQ_ROOT/home"
if [ ! -f "$RMQ_ROOT/home/.erlang.cookie" ]; then
  head -c 32 /dev/urandom | md5sum | cut -c1-20 > "$RMQ_ROOT/home/.erlang.cookie"
  chmod 400 "$RMQ_ROOT/home/.erlang.cookie"
fi
printf 'listeners.tcp.1 = 127.0.0.1:%s\n' "$RABBITMQ_NODE_PORT" > "$RMQ_ROOT/rabbitmq.conf"
echo "[]." > "$RMQ_ROOT/enabled_plugins"
: > "$RMQ_ROOT/rabbitmq-env.conf"
export HOME="$RMQ_ROOT/home"
# A fixed node name keeps one mnesia directory across runs (the port changes every run).
export RABBITMQ_NODENAME="aq@localhost"
export RABBITMQ_MNESIA_BASE="$RMQ_ROOT/mnesia" RABBITMQ_LOG_BASE="$RMQ_ROOT/log"
export RABBITMQ_CONFIG_FILE="$RMQ_ROOT/rabbitmq.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$RMQ_ROOT/enabled_plugins"
export RABBITMQ_CONF_ENV_FILE="$RMQ_ROOT/rabbitmq-env.conf" RABBITMQ_PID_FILE="$RMQ_ROOT/rabbit.pid"
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='-kernel inet_dist_use_interface {127,0,0,1}' ERL_EPMD_ADDRESS=127.0.0.1
exec /usr/lib/rabbitmq/bin/rabbitmq-server
