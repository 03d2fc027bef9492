from cheikg.cli import main

main()
