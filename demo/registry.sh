#!/usr/bin/env bash
# The demo's loopback registry: demo/registry.sh start|stop|status
source "$(dirname "$0")/lib.sh"
case ${1:-status} in
  start) registry_start; registry_stop_hint ;;
  stop) registry_stop ;;
  status)
    if registry_running; then echo "registry answering on http://$registry_addr"; registry_stop_hint
    else echo "no registry on http://$registry_addr"; fi
    ;;
  *) die "usage: demo/registry.sh start|stop|status" ;;
esac
