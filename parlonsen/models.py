"""Database tables (SQLModel only). The public side keeps no answers: only reference data lives here."""

from sqlmodel import Field, SQLModel


class Departement(SQLModel, table=True):
    """A French département where the platform is deployed; its CRIP and resources hang on it later."""

    code: str = Field(primary_key=True, max_length=3)
    name: str = Field(max_length=80)
    region_code: str = Field(max_length=3)
