"""Transfer packages: the files of one or several participants for one colleague,
encrypted and signed.

The format is documented in docs/transfer-format.md: ``container`` writes and reads the
bytes (encryption, key wrapping, signature), ``content`` gathers what goes (through the
consent filter's rules), ``intake`` writes what arrives into the receiving vault, and
``service`` ties them to the vault, the colleagues' certificates and the register.
"""
