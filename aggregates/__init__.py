"""The domain: aggregates, their events and the rules they enforce.

Nothing here imports from the rest of the project; time, identity of the actor and
policy numbers come in as data.
"""
