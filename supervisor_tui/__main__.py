from supervisor_tui.cli import main

raise SystemExit(main())
