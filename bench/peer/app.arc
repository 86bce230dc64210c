# The peer emulator's copy of lab 00 (bench/peer-architect.ts runs it with
# Architect Sandbox): the same three routes and one table as
# solutions/00-first-function, one handler module shared by the routes.
@app
bench-peer

@aws
region us-east-1
runtime nodejs24.x
# Every call is a new process here; 30 s lets them finish under load instead of timing out.
timeout 30

@http
get /health
post /orders
get /orders/:id

@tables
orders
  orderId *String
