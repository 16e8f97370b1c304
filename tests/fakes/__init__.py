"""Stand-ins for the outside services this machine cannot reach, speaking their wire formats; never shipped."""
