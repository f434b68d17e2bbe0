# Sourced by the Garnet scripts: garnet_answers PORT succeeds when a server on 127.0.0.1:PORT answers PING with +PONG
# (plain bash, no redis-cli needed).
garnet_answers() {
  local reply
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'PING\r\n' >&3
  IFS= read -r -t 1 reply <&3 || true
  exec 3<&- 3>&-
  [[ "$reply" == "+PONG"* ]]
}
