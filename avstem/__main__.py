from avstem.cli import main

raise SystemExit(main())
