"""The plans: what a plan file may say (the model, its school years and grades, its JSON Schema),
and reading and checking plan files, every problem located and said in an editor's words."""
