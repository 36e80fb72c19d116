// Cold container builds take minutes on two cores; a hung one still ends.
jest.setTimeout(15 * 60 * 1000);
