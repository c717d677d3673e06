/**
 * The second seed's "Empfohlene Maßnahmen" (recommended actions) for each class of BOSH
 * disconnect, in English, with the Switchboard equivalent of each Finesse command in brackets.
 */

export interface Check {
  title: string;
  steps: string[];
}

/** "Agents disconnect at different times (client-side problem)". */
export const CLIENT_CHECKS: readonly Check[] = [
  {
    title: 'Network problem',
    steps: [
      'Check firewall rules and logs: the BOSH port (Finesse TCP 7443; Switchboard 7071/7443 and /http-bind on 8082) must not be blocked or throttled.',
      'Use an HTTP sniffer such as Fiddler or Wireshark to confirm that the browser sends http-bind requests on that port and receives the responses.',
      'Check every network device and interface between the agent PC and the server for excessive delay or packet loss: tracert <server> (Windows), traceroute <server> (Mac), show interfaces on Cisco IOS (input/output queue drops).',
      'Collect client logs for a test agent: the browser web console, the desktop\'s "Send Error Report" button (logs land in clientlogs/<agentId>/ on the server), or the desktop\'s local log page after the problem occurred.',
      'The desktop contacts the server every minute to compute clock drift and network latency; check those lines in the client log.',
    ],
  },
  {
    title: 'Unsupported browser or browser version',
    steps: ['Use the supported browsers, versions and settings of the compatibility matrix.'],
  },
  {
    title: 'Browser hung by the content or processing of other tabs or windows',
    steps: [
      'Check whether the agent usually keeps tabs or windows with other real-time applications open (music/video streaming, WebSocket connections, custom CRM web clients).',
      'Check whether the agent has very many tabs or windows open, has browser caching disabled, or leaves the browser running for a long time without closing it at the end of the working day.',
    ],
  },
  {
    title: 'Computer put to sleep',
    steps: [
      'Check whether the agent puts the computer into sleep mode before signing out of the desktop, or whether the sleep timer is set very low.',
    ],
  },
  {
    title: 'High CPU or memory use on the client computer',
    steps: [
      'If the browser runs in a shared environment (Windows Remote Desktop Services, Citrix XenApp or XenDesktop), check whether its performance depends on how many users run the browser at once, and size memory and CPU for that number of users.',
      'Windows: Get-Counter -Counter "\\Processor(_Total)\\% Processor Time", "\\Memory\\Available MBytes", "\\Memory\\% Committed Bytes In Use" -SampleInterval 2 -Continuous; or Performance Monitor; or Task Manager for live CPU and memory per process.',
      'Mac: top (sort by CPU with top -o cpu, by memory with top -o mem) or Activity Monitor.',
    ],
  },
  {
    title: 'Third-party gadgets doing unexpected background work',
    steps: ['Test the desktop with all third-party gadgets removed.'],
  },
  {
    title: 'NTP problem on the server or the client',
    steps: [
      "Check the server's time synchronisation (Finesse: utils ntp status, stratum 4 or lower; Switchboard hosts: timedatectl or chronyc tracking).",
      'Check drift and network latency in the client logs.',
    ],
  },
];

/** "All agents disconnect at the same time (server-side problem)". */
export const SERVER_CHECKS: readonly Check[] = [
  {
    title: 'CTI link down (Finesse: Unified CM CTIManager service; Switchboard: the CTI server or simulator)',
    steps: [
      'Check that the CTI service is running on the servers used as CTI providers (Switchboard: CTI_CONNECTION_STATUS lines in the webservices log, cti/cti.*.log, cti-server/).',
      'Check whether the CTI service crashed: the system/application event log (Finesse: RTMT Event Viewer-Application Log, or file get activelog /syslog/CiscoSyslog* abstime <from> <to>; Switchboard hosts: journalctl).',
      'Look for core dumps (Finesse: utils core active list). Core file names are core.<ProcessID>.<SignalNumber>.<ProcessName>.<EpochTime>; the epoch time is when the process crashed.',
    ],
  },
  {
    title: 'Notification service stopped or crashed',
    steps: [
      'Check the application event log for notification-service errors, or whether the service was stopped.',
      'Check that the notification service is running (Finesse: utils service list; Switchboard: the process and its start-up banner).',
      'Find when it stopped: search the openfire logs for "Openfire stop" (Finesse: file search activelog /desktop/logs/openfire "Openfire stop"; Switchboard: grep "Openfire stop" <logDir>/openfire/*).',
      'Find when it started: search the openfire logs for "HTTP bind service started".',
      'Look for heap dumps left by a crash (Finesse: file list activelog /desktop/logs/openfire/*.hprof; Switchboard: core dumps or heap snapshots of the node process).',
      'Check that the notification service listens on the BOSH port (Finesse: show open ports regexp 7443.*LISTEN; Switchboard: ss -ltnp | grep -E ":(7071|7443|8082)").',
      'Check whether the invalid-XML-character crash applies (Cisco bugs CSCva7280, CSCva7235): agents signing in would get a sign-in failure, agents already signed in the red disconnect banner.',
      'Restart the webservices and the notification service if a crash is suspected — only during an outage, because a restart disconnects every agent from the server.',
    ],
  },
];
