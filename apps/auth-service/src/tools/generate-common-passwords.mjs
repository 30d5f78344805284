// Regenerates ../assets/common-passwords.txt deterministically (no download possible on the build
// machines): well-known most-used passwords and words, plus the variants people make of them
// (years, digit runs, symbols, capitalisation, repetition) and keyboard walks.
// Run: node apps/auth-service/src/tools/generate-common-passwords.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const top =
  `123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon 123123 baseball abc123
football monkey letmein 696969 shadow master 666666 qwertyuiop 123321 mustang 1234567890 michael 654321 superman
1qaz2wsx 7777777 121212 000000 qazwsx 123qwe killer trustno1 jordan jennifer zxcvbnm asdfgh hunter buster soccer
harley batman andrew tigger sunshine iloveyou 2000 charlie robert thomas hockey ranger daniel starwars klaster 112233
george computer michelle jessica pepper 1111 zxcvbn 555555 11111111 131313 freedom 777777 pass maggie 159753 aaaaaa
ginger princess joshua cheese amanda summer love ashley nicole chelsea biteme matthew access yankees 987654321 dallas
austin thunder taylor matrix william corvette hello martin heather secret merlin diamond 1234qwer gfhjkm hammer silver
222222 88888888 anthony justin test bailey q1w2e3r4t5 patrick internet scooter orange 11111 golfer cookie richard
samantha bigdog guitar jackson whatever mickey chicken sparky snoopy maverick phoenix camaro peanut morgan welcome
falcon cowboy ferrari samsung andrea smokey steelers joseph mercedes dakota arsenal eagles melissa boomer booboo
spider nascar monster tigers yellow xxxxxx 123123123 gateway marina diablo bulldog qwer1234 compaq purple hardcore
banana junior hannah 123654 porsche lakers iceman money cowboys 987654 london tennis 999999 ncc1701 coffee scooby
0000 miller boston q1w2e3r4 brandon yamaha chester mother forever johnny edward 333333 oliver redsox player nikita
knight fender barney midnight please brandy chicago badboy slayer rangers charles angel flower bigdaddy rabbit wizard
jasmine jackie alexis panther jasper admin administrator root toor changeme default guest user login welcome1 abc
passw0rd p@ssw0rd p@ssword pa55word passwort motdepasse contrasena senha parola wachtwoord salasana haslo heslo
letmein1 iloveyou1 sunshine1 princess1 football1 monkey1 charlie1 shadow1 master1 dragon1 baseball1 superman1
trustno1 qwerty1 qwerty123 abcd1234 aa123456 a123456 zaq12wsx 1q2w3e4r 1q2w3e4r5t 1q2w3e 1qazxsw2 qwe123 asd123
zxc123 asdf1234 asdfghjkl zxcvbnm123 liverpool chelsea1 manchester barcelona realmadrid juventus arsenal1 pokemon
naruto minecraft fortnite roblox google facebook youtube twitter instagram linkedin microsoft apple windows linux
ubuntu oracle mysql postgres database server secret123 security office company business summer2020 winter spring
autumn january february march april may june july august september october november december monday tuesday
wednesday thursday friday saturday sunday family friends lovely loveme iloveu babygirl babyboy angel1 beautiful
butterfly cherry chocolate sweet sweetie honey sugar candy flowers rainbow unicorn kitty kitten puppy doggy tiger
lion eagle shark wolf bear dolphin horse pony turtle hello123 hellokitty godisgood jesus jesus1 christ blessed
heaven faith hope peace freedom1 liberty america canada mexico france germany italy spain england ireland scotland
australia brazil india china japan russia paris berlin madrid rome tokyo newyork california texas florida
nothing something anything everything whatever1 trustme believe dreams destiny success winner champion victory
killer1 hunter1 soccer1 hockey1 tennis1 golf basketball volleyball rugby cricket boxing racing runner swimming
music guitar1 piano drums rock metal rocknroll blues jazz hiphop dance disco party fun happy smile lucky lucky7
magic wizard1 dragon12 mydragon blackdragon ninja samurai warrior soldier sniper gamer gaming player1 letsgo
qwertyui qwertyu asdfghjk zxcvbnm1 poiuytrewq lkjhgfdsa mnbvcxz 147258369 741852963 963852741 159357 147258 258369
123abc abc12345 abcdef abcdefg abcdefgh abcdefghi abcdefghij 1a2b3c 1a2b3c4d a1b2c3 a1b2c3d4 aaaaaaaa aaa111
zzzzzz qqqqqq 12qwaszx 1qaz2wsx3edc qazwsxedc qweasdzxc qweasd zaqxsw admin123 admin1234 administrator1 root123
test123 test1234 testing tester demo demo123 sample example temp temp123 temporary guest123 user123 login123
password1 password12 password123 password1234 password! password@ mypassword newpassword oldpassword passpass
letmein123 welcome123 changeme123 iloveyou123 monkey123 dragon123 master123 shadow123 superman123 batman123
spiderman ironman hulk thor avengers marvel starwars1 darthvader skywalker jedi yoda harrypotter hogwarts gandalf
frodo matrix1 neo morpheus trinity terminator rambo rocky godfather scarface titanic pokemon1 pikachu mario luigi
zelda sonic tetris pacman doom quake halo warcraft diablo2 counterstrike`
    .split(/\s+/)
    .filter(Boolean);

const words =
  `password pass passwd letmein welcome iloveyou love sunshine princess dragon monkey shadow master
football baseball soccer hockey basketball superman batman spiderman qwerty qwertyuiop asdfgh asdfghjkl zxcvbnm
michael jennifer jessica ashley amanda daniel thomas robert charlie jordan hunter buster tigger ginger pepper
maggie bailey cookie summer winter spring autumn freedom secret admin administrator computer internet welcome
hello trustno1 whatever starwars pokemon minecraft chelsea liverpool arsenal barcelona yankees cowboys lakers
mustang corvette ferrari porsche mercedes harley yamaha samsung google facebook microsoft apple london paris
berlin newyork chicago dallas boston america canada family friends forever angel beautiful butterfly chocolate
rainbow unicorn kitty puppy tiger eagle wolf dolphin music guitar rockstar jesus blessed heaven peace money
winner champion killer sniper ninja gamer matrix merlin wizard phoenix falcon diamond silver golden orange
purple yellow banana cheese coffee pizza chicken company office server changeme default guest test qazwsx
1qaz2wsx abc abcdef`
    .split(/\s+/)
    .filter(Boolean);

const out = new Set();
const add = (p) => out.add(p.toLowerCase());
top.forEach(add);
const capital = (w) => w[0].toUpperCase() + w.slice(1);
const suffixes = [
  '1',
  '12',
  '123',
  '1234',
  '12345',
  '123456',
  '!',
  '1!',
  '123!',
  '@',
  '#',
  '$',
  '01',
  '007',
  '69',
  '99',
  '00',
  '11',
  '13',
  '22',
  '77',
  '88',
  '2',
  '3',
  '7',
  '!!',
  '?',
  '.',
  '_1',
  '321',
  '111',
  '000',
];
for (const w of words) {
  add(w);
  add(w + w);
  add(w.split('').reverse().join(''));
  for (const s of suffixes) {
    add(w + s);
    add(capital(w) + s);
    add(s + w);
  }
  for (let year = 1950; year <= 2030; year++) {
    add(w + year);
    add(w + String(year).slice(2));
    add(w + year + '!');
    add(w + '@' + year);
  }
  add(
    w
      .replace(/a/g, '@')
      .replace(/o/g, '0')
      .replace(/e/g, '3')
      .replace(/i/g, '1')
      .replace(/s/g, '$'),
  );
  add(w.replace(/a/g, '4').replace(/o/g, '0').replace(/e/g, '3').replace(/i/g, '1') + '1');
}
// Keyboard walks and digit runs of every length people type.
const rows = [
  '1234567890',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  '0987654321',
  'poiuytrewq',
  'lkjhgfdsa',
  'mnbvcxz',
  'qazwsxedcrfvtgbyhnujmikolp',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  'azertyuiop',
  'qwertzuiop',
];
for (const row of rows)
  for (let len = 4; len <= row.length; len++)
    for (let i = 0; i + len <= row.length; i++) add(row.slice(i, i + len));
for (let d = 0; d <= 9; d++) for (let len = 4; len <= 16; len++) add(String(d).repeat(len));
for (const row of ['qwerty', 'qwertyuiop', 'asdfgh', 'zxcvbn', '1q2w3e4r', 'qazwsx'])
  for (const s of suffixes) add(row + s);

const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets', 'common-passwords.txt');
const list = [...out].sort();
writeFileSync(file, list.join('\n') + '\n');
console.log(`${list.length} passwords written to ${file}`);
