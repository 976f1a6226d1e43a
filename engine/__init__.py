"""Career Test-Drive scenario engine."""
