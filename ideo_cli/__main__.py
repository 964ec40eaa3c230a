from ideo_cli.entry import run

run()
