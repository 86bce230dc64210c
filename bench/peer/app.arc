# The peer emulator's copy of lab 00 (bench/peer-architect.ts runs it with
# Architect Sandbox): the same three routes and one table as
# solutions/00-first-function, one handler module shared by the routes.
@app
bench-peer

@aws
region us-east-1
runtime nodejs24.x

@http
get /health
post /orders
get /orders/:id

@tables
orders
  orderId *String
