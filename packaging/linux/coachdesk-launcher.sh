#!/bin/sh
# /usr/bin/coachdesk: the installed CoachDesk (its files are in /opt/coachdesk).
exec /opt/coachdesk/coachdesk "$@"
