from mfa_reader.cli import main

raise SystemExit(main())
