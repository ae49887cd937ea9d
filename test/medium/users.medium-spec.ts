import { UsersService } from '../../apps/api/src/users/users.service';
import { startServiceContext, type ServiceContext } from '../support/service-context';

let s: ServiceContext;
beforeAll(async () => {
  s = await startServiceContext();
});
afterAll(() => s.close());

describe('UsersService against PostgreSQL', () => {
  it('creates a staff account with its person record in one go', async () => {
    const user = await s.ctx.get(UsersService).create({
      email: 'ada.medium@example.test',
      password: 'correct horse battery staple',
      role: 'engineer',
      person: { fullName: 'Ada Medium' },
    });
    const { rows } = await s.db.query(
      'SELECT u.role, p.full_name FROM users u JOIN people p ON p.id = u.person_id WHERE u.id = $1',
      [user.id],
    );
    expect(rows).toEqual([{ role: 'engineer', full_name: 'Ada Medium' }]);
  });
});
